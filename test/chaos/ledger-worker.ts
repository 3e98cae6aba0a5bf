/**
 * A ledger writer in its own process, for the chaos suites. Reads one JSON job from stdin:
 *   { url, accountId, ops: ChaosOp[], concurrency?, waitForGo? }
 * prints {"ready":true} once connected (and waits for a "go" line when asked, so several workers
 * start together), then runs the ops and prints one JSON line per op and {"done":true} at the end.
 */
import readline from 'node:readline';
import { createCreditsService } from '../../src/credits/index.js';
import { createDb } from '../../src/db/index.js';
import { isIgny8Error } from '../../src/errors/index.js';
import { createNotificationService } from '../../src/notifications/index.js';
import type { ChaosOp, ChaosResult } from './chaos-ops.js';

interface Job {
  url: string;
  accountId: string;
  ops: ChaosOp[];
  concurrency?: number;
  waitForGo?: boolean;
}

const lines = readline.createInterface({ input: process.stdin });
const iterator = lines[Symbol.asyncIterator]();
const next = async () => ((await iterator.next()).value as string | undefined) ?? '';
const print = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);

const job = JSON.parse(await next()) as Job;
const handle = await createDb(job.url, { poolSize: 8 });
const credits = createCreditsService(handle.db, { notifications: createNotificationService(handle.db) });
const scope = { accountId: job.accountId };
// Touch the database once so connecting is not part of the race.
await credits.balance(scope);
print({ ready: true });
if (job.waitForGo) await next();

async function run(op: ChaosOp): Promise<ChaosResult> {
  const operation = 'chaos';
  const usage = { operation, provider: 'sandbox', model: 'sandbox-text', tokensIn: 10, tokensOut: 5 };
  switch (op.type) {
    case 'grant':
      return {
        opId: op.opId,
        ok: true,
        ref: (await credits.grant(scope, { opId: op.opId, amount: op.amount, pool: op.pool ?? 'bonus' })).id,
      };
    case 'charge':
      return {
        opId: op.opId,
        ok: true,
        ref: (await credits.charge(scope, { opId: op.opId, amount: op.amount, operation, usage })).id,
      };
    case 'hold': {
      const hold = await credits.reserve(scope, { opId: op.opId, amount: op.amount, operation });
      const settled = await credits.settle(scope, { opId: op.opId, amount: op.settle ?? op.amount, usage });
      return { opId: op.opId, ok: true, ref: `${hold.id}/${settled.entry?.id ?? '-'}/${settled.charged}` };
    }
    case 'fail': {
      const hold = await credits.reserve(scope, { opId: op.opId, amount: op.amount, operation });
      await credits.release(scope, { opId: op.opId, usage: { ...usage, error: 'chaos failure' } });
      return { opId: op.opId, ok: true, ref: hold.id };
    }
  }
}

let cursor = 0;
async function lane(): Promise<void> {
  while (cursor < job.ops.length) {
    const op = job.ops[cursor++]!;
    try {
      print(await run(op));
    } catch (err) {
      if (!isIgny8Error(err)) throw err;
      print({ opId: op.opId, ok: false, code: err.code } satisfies ChaosResult);
    }
  }
}
const lanes = Math.min(job.concurrency ?? job.ops.length, Math.max(1, job.ops.length));
await Promise.all(Array.from({ length: lanes }, lane));
print({ done: true });
await handle.close();
lines.close();
