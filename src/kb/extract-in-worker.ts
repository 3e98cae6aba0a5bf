import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, Igny8Error, type ErrorCode } from '../errors/index.js';
import type { ExtractJob, ExtractReply } from './extract-worker.js';
import type { ExtractedDoc } from './kb.types.js';

/** How long and how much heap one PDF or DOCX may take to read (config `kb.parseTimeoutMs`, `kb.parseMemoryMb`). */
export interface ParseLimits {
  timeoutMs: number;
  maxMemoryMb: number;
}

export const KB_PARSE_TIMEOUT_MS = 30_000;
export const KB_PARSE_MEMORY_MB = 512;

/** Extra time a worker may take to start and load its parser before the document's own limit starts. */
const BOOT_ALLOWANCE_MS = 30_000;

const KIND = { pdf: 'PDF', docx: 'DOCX file' } as const;

/**
 * The worker for this build: `extract-worker.js` beside this file once compiled (dist/), or the
 * TypeScript entry when running from source (tsx, vitest). On Node 20 a worker does not inherit the
 * parent's loader hooks, so the source entry is loaded through tsx's API registered in the worker.
 */
function startWorker(job: ExtractJob, limits: ParseLimits): Worker {
  const here = import.meta.url;
  const resourceLimits = {
    maxOldGenerationSizeMb: limits.maxMemoryMb,
    maxYoungGenerationSizeMb: Math.max(4, Math.min(64, Math.floor(limits.maxMemoryMb / 8))),
  };
  // No inherited flags: the worker needs none, and some (V8 options) are refused in a worker.
  const common = { workerData: job, resourceLimits, execArgv: [], stdout: true, stderr: true };
  if (!here.endsWith('.ts')) return new Worker(new URL('./extract-worker.js', here), common);
  const tsxDir = path.dirname(createRequire(here).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./extract-worker.ts', here).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...common, eval: true });
}

function replyError(reply: Extract<ExtractReply, { ok: false }>): Error {
  if (reply.code && reply.code in ERROR_CODES)
    return new Igny8Error(reply.code as ErrorCode, reply.message, {
      ...(reply.hint ? { hint: reply.hint } : {}),
      ...(reply.details ? { details: reply.details } : {}),
    });
  return new Igny8Error('INTERNAL', `Reading the document failed: ${reply.message}`);
}

/**
 * Extract a PDF or DOCX in a worker thread with a wall-clock limit and a heap limit: a document
 * that takes longer, or needs more memory, ends its worker and fails with KB_PARSE_TIMEOUT or
 * KB_PARSE_OUT_OF_MEMORY instead of hanging `kb add` or the server.
 * @example await extractInWorker('pdf', bytes, 'manual.pdf', { timeoutMs: 30_000, maxMemoryMb: 512 })
 */
export function extractInWorker(
  format: 'pdf' | 'docx',
  bytes: Uint8Array,
  name: string,
  limits: ParseLimits,
): Promise<ExtractedDoc> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ format, bytes, name }, limits);
    // Whatever the parser prints is noise to a CLI user; the reply carries what matters.
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const expire = () =>
      settle(() =>
        reject(
          new Igny8Error(
            'KB_PARSE_TIMEOUT',
            `${name}: reading the ${KIND[format]} took longer than ${Math.round(limits.timeoutMs / 100) / 10} s and was stopped; nothing was added`,
            {
              hint: 'Split the document into smaller files, or export it as text or Markdown and add that (an operator can raise kb.parseTimeoutMs).',
              details: { timeoutMs: limits.timeoutMs },
            },
          ),
        ),
      );
    // The limit is the document's: it starts once the worker has loaded the parser (allowed
    // BOOT_ALLOWANCE_MS more), so a busy machine's slow start does not count against the file.
    timer = setTimeout(expire, limits.timeoutMs + BOOT_ALLOWANCE_MS);
    worker.on('message', (reply: ExtractReply) => {
      if (reply.ok === 'ready') {
        clearTimeout(timer);
        timer = setTimeout(expire, limits.timeoutMs);
        return;
      }
      settle(() => (reply.ok ? resolve(reply.doc) : reject(replyError(reply))));
    });
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new Igny8Error(
                'KB_PARSE_OUT_OF_MEMORY',
                `${name}: reading the ${KIND[format]} needed more than ${limits.maxMemoryMb} MiB and was stopped; nothing was added`,
                {
                  hint: 'Split the document into smaller files, or export it as text or Markdown and add that (an operator can raise kb.parseMemoryMb).',
                  details: { maxMemoryMb: limits.maxMemoryMb },
                },
              )
            : new Igny8Error('INTERNAL', `Reading ${name} failed in its worker: ${err.message}`, {
                cause: err,
              }),
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() =>
        reject(
          new Igny8Error('INTERNAL', `The worker reading ${name} exited (code ${code}) without an answer`),
        ),
      ),
    );
  });
}
