import { errorFromWorker, startModuleWorker } from '../util/module-worker.js';
import { unpackKeywords } from './keyword-batch-pack.js';
import type { KeywordRowStream } from './read-keyword-rows.js';
import type { KeywordRowInput } from './open-keyword-rows.js';
import type { RowsReply, RowsRequest } from './keyword-rows-worker.js';
import type { ErrorCode } from '../errors/index.js';

/** Batches the worker may parse ahead of the importing thread: enough to never leave it waiting. */
const AHEAD = 2;

/**
 * The parse worker's heap limit. It holds a few batches (a file's rows never sit in it), about
 * 20 MB for a million-row file. The small young generation is what keeps its heap small: with the
 * default (16 MB semi-spaces) its garbage grows it to ~100 MB, a fifth of a large import's peak RSS;
 * at 8 MB it stays under 40 MB (4 MB: 35 MB, but twice the collections, +2 s of CPU per million rows).
 */
export const KEYWORD_WORKER_MEMORY_MB = 128;
const YOUNG_GENERATION_MB = 8;

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
  limits: { maxMemoryMb?: number } = {},
): Promise<KeywordRowStream & { close(): void }> {
  const maxMemoryMb = limits.maxMemoryMb ?? KEYWORD_WORKER_MEMORY_MB;
  const worker = startModuleWorker(import.meta.url, 'keyword-rows-worker', {
    workerData: input,
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  const inbox: RowsReply[] = [];
  let waiting: (() => void) | null = null;
  let closed = false;
  const push = (m: RowsReply) => {
    inbox.push(m);
    waiting?.();
    waiting = null;
  };
  worker.on('message', push);
  worker.once('error', (err: Error & { code?: string }) =>
    push(
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? outOfMemory(maxMemoryMb)
        : { kind: 'error', code: null, message: err.message },
    ),
  );
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
    throw first.kind === 'error'
      ? errorFromWorker(first, 'Reading the keyword file')
      : new Error(`unexpected ${first.kind} from the worker`);
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
          } else if (m.kind === 'error') throw errorFromWorker(m, 'Reading the keyword file');
        }
      } finally {
        close();
      }
    },
  };
}

/** The worker ran out of heap: the import stops (nothing written), with the limit it hit. */
function outOfMemory(maxMemoryMb: number): RowsReply {
  return {
    kind: 'error',
    code: 'IMPORT_OUT_OF_MEMORY' satisfies ErrorCode,
    message: `Reading the keyword file needed more than ${maxMemoryMb} MiB in its parse worker and was stopped; nothing was imported`,
    hint: 'Split the export into smaller files and import each; if a small file does this, report a bug.',
    details: { maxMemoryMb },
  };
}
