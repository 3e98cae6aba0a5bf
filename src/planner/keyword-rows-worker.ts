import { parentPort, workerData } from 'node:worker_threads';
import { workerErrorFields, type WorkerErrorFields } from '../util/module-worker.js';
import { byNormalized, packKeywords, packedBuffers, type PackedKeywords } from './keyword-batch-pack.js';
import { openKeywordRows, type KeywordRowInput } from './open-keyword-rows.js';
import type { KeywordTally } from './parse-keyword-file.js';

// The worker side of readKeywordRowsInWorker: decode, parse, validate and dedupe the file on a core
// of its own while the importing thread inserts, and post the valid rows back batch by batch. It
// runs ahead by the batches the importing thread allows (credits), so memory holds a few batches.

/** Messages from the importing thread: more credits (batches it may post), and their size. */
export interface RowsRequest {
  more: number;
  size: number;
}

export type RowsReply =
  | { kind: 'opened'; tally: KeywordTally }
  | { kind: 'batch'; rows: PackedKeywords }
  | { kind: 'end'; tally: KeywordTally }
  | ({ kind: 'error' } & WorkerErrorFields);

function errorReply(err: unknown): RowsReply {
  return { kind: 'error', ...workerErrorFields(err) };
}

async function main(input: KeywordRowInput, port: NonNullable<typeof parentPort>): Promise<void> {
  let credits = 0;
  let size = 0;
  let wake: (() => void) | null = null;
  port.on('message', (req: RowsRequest) => {
    credits += req.more;
    size = req.size;
    wake?.();
  });
  const granted = () => (credits > 0 ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)));
  try {
    const rows = await openKeywordRows(input);
    port.postMessage({ kind: 'opened', tally: rows.tally } satisfies RowsReply);
    await granted();
    for await (const batch of rows.batches(size)) {
      // Sorted here, off the importing thread, which inserts in this order (it lists duplicates by line).
      const packed = packKeywords(batch.sort(byNormalized));
      port.postMessage({ kind: 'batch', rows: packed } satisfies RowsReply, packedBuffers(packed));
      credits--;
      await granted();
    }
    port.postMessage({ kind: 'end', tally: rows.tally } satisfies RowsReply);
  } catch (err) {
    port.postMessage(errorReply(err));
  }
  port.close();
}

if (parentPort) void main(workerData as KeywordRowInput, parentPort);
