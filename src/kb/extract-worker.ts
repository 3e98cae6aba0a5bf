import { parentPort, workerData } from 'node:worker_threads';
import { workerErrorFields, type WorkerErrorFields } from '../util/module-worker.js';
import { extractDocx } from './extract-docx.js';
import { extractPdf } from './extract-pdf.js';
import type { ExtractedDoc } from './kb.types.js';

// The worker side of extractInWorker: parse one PDF or DOCX and post the text blocks back. It runs
// in its own thread with its own heap, so a parser that loops or balloons is ended from outside
// (terminate, resourceLimits) without taking the CLI or the server with it.

export interface ExtractJob {
  format: 'pdf' | 'docx';
  bytes: Uint8Array;
  name: string;
}

/** The worker posts `ready` once the parser is loaded (the time limit starts then), then the outcome. */
export type ExtractReply =
  { ok: 'ready' } | { ok: true; doc: ExtractedDoc } | ({ ok: false } & WorkerErrorFields);

async function run(job: ExtractJob): Promise<ExtractReply> {
  try {
    const doc =
      job.format === 'pdf' ? await extractPdf(job.bytes, job.name) : await extractDocx(job.bytes, job.name);
    return { ok: true, doc };
  } catch (err) {
    return { ok: false, ...workerErrorFields(err) };
  }
}

async function main(job: ExtractJob, port: NonNullable<typeof parentPort>): Promise<void> {
  // Load the parser first: a slow start on a busy machine is not the document's fault.
  if (job.format === 'pdf')
    // pdf.worker.mjs sets globalThis.pdfjsWorker, which pdfjs then uses in this thread instead of
    // importing it at the first getDocument (seconds of loading that are not the document's).
    await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    ]);
  else await import('mammoth');
  port.postMessage({ ok: 'ready' } satisfies ExtractReply);
  port.postMessage(await run(job));
}

if (parentPort) void main(workerData as ExtractJob, parentPort);
