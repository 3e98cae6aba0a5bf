import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, Igny8Error, type ErrorCode } from '../errors/index.js';
import { unpackKeywords } from './keyword-batch-pack.js';
import type { KeywordRowStream } from './read-keyword-rows.js';
import type { KeywordRowInput } from './open-keyword-rows.js';
import type { RowsReply, RowsRequest } from './keyword-rows-worker.js';

/** Batches the worker may parse ahead of the importing thread: enough to never leave it waiting. */
const AHEAD = 2;

/**
 * The worker for this build: `keyword-rows-worker.js` beside this file once compiled (dist/, and the
 * CLI bundle, which emits it as an entry of its own), or the TypeScript entry when running from
 * source (tsx, vitest): on Node 20 a worker does not inherit the parent's loader hooks, so the
 * source entry is loaded through tsx's API registered in the worker (as the knowledge base's).
 */
function startWorker(input: KeywordRowInput): Worker {
  const here = import.meta.url;
  // No inherited flags: the worker needs none, and some (V8 options) are refused in a worker.
  const common = { workerData: input, execArgv: [] };
  if (!here.endsWith('.ts')) return new Worker(new URL('./keyword-rows-worker.js', here), common);
  const tsxDir = path.dirname(createRequire(here).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./keyword-rows-worker.ts', here).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...common, eval: true });
}

function replyError(reply: Extract<RowsReply, { kind: 'error' }>): Error {
  if (reply.code && reply.code in ERROR_CODES)
    return new Igny8Error(reply.code as ErrorCode, reply.message, {
      ...(reply.hint ? { hint: reply.hint } : {}),
      ...(reply.details ? { details: reply.details } : {}),
    });
  return new Igny8Error('INTERNAL', `Reading the keyword file failed: ${reply.message}`);
}

/**
 * readKeywordRows with the decoding, parsing, validation and in-file dedupe on a worker thread, so
 * a large import parses on one core while the caller inserts on another (P4). Same rows, tally and
 * errors as openKeywordRows in this thread; the checks before the first row (missing file, not
 * text, no keyword column) still throw from here, before the caller opens its transaction. The
 * tally's counts are filled in when the last batch has been read. Call `close` when done (or on
 * failure) so an unread worker does not keep the process alive.
 * @example const rows = await readKeywordRowsInWorker({ file, format: 'auto' }); try { for await (const b of rows.batches(5000)) … } finally { rows.close() }
 */
export async function readKeywordRowsInWorker(
  input: KeywordRowInput,
): Promise<KeywordRowStream & { close(): void }> {
  const worker = startWorker(input);
  const inbox: RowsReply[] = [];
  let waiting: (() => void) | null = null;
  let closed = false;
  const push = (m: RowsReply) => {
    inbox.push(m);
    waiting?.();
    waiting = null;
  };
  worker.on('message', push);
  worker.once('error', (err) => push({ kind: 'error', code: null, message: err.message }));
  // After the last message: a reader still waiting (the worker died, or was closed) gets an error.
  worker.once('exit', (code) =>
    push({
      kind: 'error',
      code: null,
      message: closed ? 'the rows were closed before the end' : `the worker exited (code ${code}) early`,
    }),
  );
  const next = async (): Promise<RowsReply> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (waiting = resolve));
    return inbox.shift()!;
  };
  const close = () => {
    if (closed) return;
    closed = true;
    void worker.terminate();
  };

  const first = await next();
  if (first.kind !== 'opened') {
    close();
    throw first.kind === 'error' ? replyError(first) : new Error(`unexpected ${first.kind} from the worker`);
  }
  const { tally } = first;
  return {
    tally,
    close,
    async *batches(size: number) {
      worker.postMessage({ more: AHEAD, size } satisfies RowsRequest);
      try {
        for (;;) {
          const m = await next();
          if (m.kind === 'batch') {
            // Ask for the next one before handing this one over: the worker parses while we insert.
            worker.postMessage({ more: 1, size } satisfies RowsRequest);
            yield unpackKeywords(m.rows);
          } else if (m.kind === 'end') {
            Object.assign(tally, m.tally);
            return;
          } else if (m.kind === 'error') throw replyError(m);
        }
      } finally {
        close();
      }
    },
  };
}
