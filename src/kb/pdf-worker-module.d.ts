// pdfjs-dist ships no types for its worker bundle; the knowledge base only imports it for its side
// effect (it sets globalThis.pdfjsWorker).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
