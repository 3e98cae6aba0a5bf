import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerEvent } from '../../../src/jobs/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** NDJSON events printed so far (`igny8 worker --json`). */
  events: Array<WorkerEvent & { at: number }>;
  /** The final JSON document (the worker's summary) when it stopped gracefully. */
  result(): Record<string, unknown> | undefined;
  stderr(): string;
  exited: Promise<number | null>;
  /** Resolve once an event matches (rejects after `timeoutMs` or when the process exits first). */
  waitFor(pred: (e: WorkerEvent) => boolean, timeoutMs?: number): Promise<WorkerEvent>;
  /** Runs this worker claimed and did not report finished/released/lost. */
  holding(): string[];
}

/** `igny8 worker --json` from source in `cwd`, collecting its events. */
export function startWorkerProcess(name: string, cwd: string, args: string[] = []): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', TSX, path.join(root, 'cli/run.ts'), 'worker', '--json', ...args],
    {
      cwd,
      env: { ...process.env, NO_COLOR: '1', IGNY8_DATABASE_URL: '', IGNY8_ACCOUNT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const events: Array<WorkerEvent & { at: number }> = [];
  const waiters = new Set<() => void>();
  let out = '';
  let err = '';
  let tail = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d;
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('{"type":')) {
        events.push({ ...(JSON.parse(line) as WorkerEvent), at: Date.now() });
        for (const w of waiters) w();
      } else tail += `${line}\n`;
    }
  });
  child.stderr!.on('data', (d: Buffer) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => {
    tail += out;
    for (const w of waiters) w();
  });
  let done = false;
  void exited.then(() => (done = true));
  return {
    name,
    child,
    events,
    result() {
      const i = tail.indexOf('{');
      if (i < 0) return undefined;
      try {
        return JSON.parse(tail.slice(i)) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
    stderr: () => err,
    exited,
    waitFor(pred, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find(pred);
          if (hit) return finish(() => resolve(hit));
          if (done) return finish(() => reject(new Error(`${name} exited before the event\n${err}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`${name}: no such event in ${timeoutMs} ms\n${err}`))),
          timeoutMs,
        );
        const finish = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      });
    },
    holding() {
      const held = new Set<string>();
      for (const e of events) {
        if (e.type !== 'job') continue;
        if (e.status === 'claimed') held.add(e.runId);
        if (e.status === 'finished' || e.status === 'released' || e.status === 'lost') held.delete(e.runId);
      }
      return [...held];
    },
  };
}
