import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { AI_FUNCTION_NAMES } from '../../src/ai/ai-function.js';
import { AI_FUNCTIONS } from '../../src/ai/functions/index.js';
import { createAiEngine, type AiEngineDeps, type AiProgressEvent } from '../../src/ai/index.js';
import type { Db } from '../../src/db/index.js';
import { PLANNER_AI_SAVERS } from '../../src/planner/ai-savers.js';
import { WRITER_AI_SAVERS } from '../../src/writer/ai-savers.js';
import { DIALECTS } from '../helpers/test-db.js';
import { COFFEE, createAiKit, ledgerAndUsage, type AiKit } from './ai-kit.js';

const depsOf = (kit: AiKit, savers?: AiEngineDeps['savers']): AiEngineDeps => ({
  db: kit.core.db,
  credits: kit.core.credits,
  models: kit.core.models,
  prompts: kit.core.prompts,
  providers: kit.core.providers,
  mediaDir: kit.core.resolvePath(kit.core.config.media.dir),
  savers,
});

describe('AI functions return values; the owning modules save them', () => {
  it('gives every AI function exactly one owner save, and no descriptor saves', () => {
    const planner = Object.keys(PLANNER_AI_SAVERS);
    const writer = Object.keys(WRITER_AI_SAVERS);
    expect(planner.filter((n) => writer.includes(n))).toEqual([]);
    expect([...planner, ...writer].sort()).toEqual([...AI_FUNCTION_NAMES].sort());
    for (const fn of Object.values(AI_FUNCTIONS)) expect('save' in fn, fn.name).toBe(false);
  });

  it('keeps the functions free of the owners’ writes (no planner import, no writer save or repository)', () => {
    const dir = path.resolve(import.meta.dirname, '../../src/ai/functions');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(14);
    const bad = files.flatMap((f) =>
      [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/from '([^']+)'/g)]
        .map((m) => m[1]!)
        .filter((spec) => /\/planner\/|\/writer\/(save-|attach-)|\.repository\.js$/.test(spec))
        .map((spec) => `${f} → ${spec}`),
    );
    expect(bad).toEqual([]);
  });
});

describe.each(DIALECTS)('the engine runs the owner’s save on %s', (dialect) => {
  let kit: AiKit;
  afterEach(async () => kit?.close());

  const input = {
    keywords: COFFEE.slice(0, 6).map(([keyword, volume]) => ({ keyword: ` ${keyword} `, volume })),
  };

  it('after the charge settles and after beforeSave, in one transaction, with the parsed input; its answer is `saved`', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const registered: string[] = [];
    const engine = createAiEngine(
      depsOf(kit, {
        auto_cluster: async () => {
          registered.push('registered');
          return 'not used';
        },
      }),
    );
    const steps: string[] = [];
    let fenceTrx: Db | undefined;
    const events: AiProgressEvent[] = [];
    const res = await engine.run(kit.scope, 'auto_cluster', input, {
      opId: 'cluster:owner-save',
      save: true,
      onProgress: (e) => events.push(e),
      beforeSave: async (trx) => {
        steps.push('beforeSave');
        fenceTrx = trx;
      },
      persist: async (trx, scope, parsed, output, meta) => {
        steps.push('persist');
        expect(trx).toBe(fenceTrx);
        expect(scope).toEqual(kit.scope);
        // The input as the function saw it: keywords trimmed by its schema.
        expect(parsed.keywords[0]!.keyword).toBe(COFFEE[0]![0]);
        expect(meta).toMatchObject({ opId: 'cluster:owner-save', sandbox: true });
        // Settled before the save: the charge is in the ledger, seen from the save's transaction.
        const charge = await sql<{ amount: number }>`select amount from credit_transactions
          where idem_key = ${'charge:cluster:owner-save'}`.execute(trx);
        expect(charge.rows.map((r) => Math.abs(Number(r.amount)))).toEqual([meta.credits]);
        return { clusters: output.clusters.length };
      },
    });
    expect(steps).toEqual(['beforeSave', 'persist']);
    expect(registered).toEqual([]);
    expect(res.saved).toEqual({ clusters: res.output.clusters.length });
    expect(events.map((e) => e.phase).slice(-3)).toEqual(['settle', 'save', 'done']);
    expect(events.at(-1)).toMatchObject({ done: 5, total: 5 });
  });

  it('uses the owner’s registered save for `save: true` alone, and refuses to run when there is none', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const seen: unknown[] = [];
    const withSaver = createAiEngine(
      depsOf(kit, {
        auto_cluster: async (_trx, _scope, _input, output) => {
          seen.push(output.clusters.length);
          return 'registered';
        },
      }),
    );
    const res = await withSaver.run(kit.scope, 'auto_cluster', input, { save: true });
    expect(res.saved).toBe('registered');
    expect(seen).toEqual([res.output.clusters.length]);
    // A `persist` alone saves too, with it rather than the registered one.
    const own = await withSaver.run(kit.scope, 'auto_cluster', input, { persist: async () => 'own' });
    expect(own.saved).toBe('own');
    expect(seen).toHaveLength(1);
    const charged = (await ledgerAndUsage(kit)).charged;

    // Refused before anything is held or asked: a result nobody can save is never charged.
    await expect(
      createAiEngine(depsOf(kit)).run(kit.scope, 'auto_cluster', input, { save: true }),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/asked to save, but no module saves its results/),
    });
    expect((await ledgerAndUsage(kit)).charged).toBe(charged);
    expect((await kit.core.credits.balance(kit.scope)).held).toBe(0);
  });
});
