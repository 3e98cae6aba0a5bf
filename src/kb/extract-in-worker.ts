import type { Worker } from 'node:worker_threads';
import { Igny8Error } from '../errors/index.js';
import { errorFromWorker, startModuleWorker } from '../util/module-worker.js';
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

function startWorker(job: ExtractJob, limits: ParseLimits): Worker {
  const resourceLimits = {
    maxOldGenerationSizeMb: limits.maxMemoryMb,
    maxYoungGenerationSizeMb: Math.max(4, Math.min(64, Math.floor(limits.maxMemoryMb / 8))),
  };
  return startModuleWorker(import.meta.url, 'extract-worker', {
    workerData: job,
    resourceLimits,
    stdout: true,
    stderr: true,
  });
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
      settle(() => (reply.ok ? resolve(reply.doc) : reject(errorFromWorker(reply, 'Reading the document'))));
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
