import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { ERROR_CODES, Igny8Error, isIgny8Error, type ErrorCode } from '../errors/index.js';

/** An error as a worker posts it: an igny8 error keeps its code, hint and details across the thread. */
export interface WorkerErrorFields {
  code: string | null;
  message: string;
  hint?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

/**
 * Start the worker module `name` that sits beside the module at `here` (its `import.meta.url`):
 * `name.js` once compiled (dist/, and the CLI bundle, which emits each worker as an entry of its
 * own), or `name.ts` when running from source (tsx, vitest). On Node 20 a worker does not inherit
 * the parent's loader hooks, so the source entry is loaded through tsx's API registered in the
 * worker. No inherited flags: the worker needs none, and some (V8 options) are refused in a worker.
 * @example startModuleWorker(import.meta.url, 'extract-worker', { workerData: job })
 */
export function startModuleWorker(here: string, name: string, options: WorkerOptions): Worker {
  const common = { ...options, execArgv: [] };
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, here), common);
  const tsxDir = path.dirname(createRequire(here).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL(`./${name}.ts`, here).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...common, eval: true });
}

/** What a worker posts for an error it caught (inside its own reply shape). */
export function workerErrorFields(err: unknown): WorkerErrorFields {
  if (isIgny8Error(err))
    return { code: err.code, message: err.message, hint: err.hint, details: err.details };
  return { code: null, message: (err as Error)?.message ?? String(err) };
}

/** The error a worker posted, rebuilt in the caller: its own code, or INTERNAL saying what failed. */
export function errorFromWorker(reply: WorkerErrorFields, failed: string): Igny8Error {
  if (reply.code && reply.code in ERROR_CODES)
    return new Igny8Error(reply.code as ErrorCode, reply.message, {
      ...(reply.hint ? { hint: reply.hint } : {}),
      ...(reply.details ? { details: reply.details } : {}),
    });
  return new Igny8Error('INTERNAL', `${failed} failed: ${reply.message}`);
}
