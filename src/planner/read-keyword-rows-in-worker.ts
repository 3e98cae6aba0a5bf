import { errorFromWorker, startModuleWorker } from '../util/module-worker.js';
import { unpackKeywords } from './keyword-batch-pack.js';
import type { KeywordRowStream } from './read-keyword-rows.js';
import type { KeywordRowInput } from './open-keyword-rows.js';
import type { RowsReply, RowsRequest } from './keyword-rows-worker.js';

/** Batches the worker may parse ahead of the importing thread: enough to never leave it waiting. */
const AHEAD = 2;

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
  const worker = startModuleWorker(import.meta.url, 'keyword-rows-worker', { workerData: input });
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
