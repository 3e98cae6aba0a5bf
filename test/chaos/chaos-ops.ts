import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One ledger operation a chaos worker performs; replaying it (same opId) must change nothing. */
export interface ChaosOp {
  type: 'grant' | 'charge' | 'hold' | 'fail';
  opId: string;
  amount: number;
  pool?: 'plan' | 'bonus';
  /** For 'hold': how much of the reserved amount to settle. */
  settle?: number;
}

export interface ChaosResult {
  opId: string;
  ok: boolean;
  /** Ids of what the op produced: replays of one op id must report the same ref. */
  ref?: string;
  code?: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const WORKER = path.join(root, 'test/chaos/ledger-worker.ts');

export interface Worker {
  child: ChildProcess;
  results: ChaosResult[];
  /** Resolves once the worker is connected and waiting. */
  ready: Promise<void>;
  /** Resolves with the exit code (null when killed). */
  exited: Promise<number | null>;
  go(): void;
  stderr(): string;
}

/** Start a ledger worker process (TypeScript through tsx) with one job. */
export function startWorker(job: {
  url: string;
  accountId: string;
  ops: ChaosOp[];
  concurrency?: number;
  waitForGo?: boolean;
}): Worker {
  const child = spawn(process.execPath, ['--import', TSX, WORKER], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const results: ChaosResult[] = [];
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const msg = JSON.parse(line) as ChaosResult & { ready?: boolean; done?: boolean };
    if (msg.ready) onReady();
    else if (!msg.done) results.push(msg);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdin!.on('error', () => undefined); // a killed worker's stdin may be gone
  child.stdin!.write(`${JSON.stringify(job)}\n`);
  const readyOrExit = Promise.race([
    ready,
    exited.then(() => Promise.reject(new Error(`worker exited early:\n${err}`))),
  ]);
  readyOrExit.catch(() => undefined); // a worker killed on purpose before it was ready is no error
  return {
    child,
    results,
    ready: readyOrExit,
    exited,
    go: () => child.stdin!.write('go\n'),
    stderr: () => err,
  };
}

/** A small seeded PRNG (mulberry32), so a failing chaos run can be replayed from its seed. */
export function rng(seed: number): {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(xs: T[]): T;
} {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (xs) => xs[int(0, xs.length - 1)]! };
}

/** What a set of ops does to the balance when each runs exactly once and none is refused. */
export function expectedTotal(start: number, ops: ChaosOp[]): number {
  return ops.reduce((total, op) => {
    if (op.type === 'grant') return total + op.amount;
    if (op.type === 'charge') return total - op.amount;
    if (op.type === 'hold') return total - (op.settle ?? op.amount);
    return total;
  }, start);
}
