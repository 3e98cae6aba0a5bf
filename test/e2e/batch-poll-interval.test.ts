import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/automation/index.js';
import { batchPollMs } from '../../src/automation/stage-batching.js';
import { importKeywords } from '../../src/planner/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { createAiKit, type AiKit } from '../ai/ai-kit.js';
import { FIXTURES } from '../helpers/project.js';
import { DIALECTS } from '../helpers/test-db.js';

const ENV = 'IGNY8_BATCH_POLL_MS';

describe('batchPollMs: run option, then IGNY8_BATCH_POLL_MS, then ai.batch.pollSeconds, then 30 s', () => {
  it('picks the first one set', () => {
    expect(batchPollMs({ runSeconds: 2, configSeconds: 9, env: { [ENV]: '40' } })).toBe(2000);
    expect(batchPollMs({ configSeconds: 9, env: { [ENV]: '40' } })).toBe(40);
    expect(batchPollMs({ configSeconds: 0.5, env: {} })).toBe(500);
    expect(batchPollMs({ env: { [ENV]: 'soon' } })).toBe(30_000);
  });
});

/**
 * Issue 17: the poll interval of a waiting batch comes from the config (`ai.batch.pollSeconds`) or the
 * run (`batchPollSeconds`, `igny8 run --batch-poll-seconds`), not only from an environment variable.
 * Each poll is one `batch` progress event, so the count of events shows the interval used.
 */
describe.each(DIALECTS)('batch poll interval on %s', (dialect) => {
  let fake: FakeProviderServer;
  let kit: AiKit;
  const saved = process.env[ENV];

  beforeAll(async () => {
    delete process.env[ENV];
    // Each batch takes 900 ms: polled every 50 ms that is ~18 polls, every 600 ms two or three.
    fake = await createFakeProviderServer({ seed: 17, batchDelayMs: 900, respond: (r) => sandboxRespond(r) });
    kit = await createAiKit(dialect, {
      credits: 1_000_000,
      config: {
        providers: { openai: { apiKey: 'sk-fake-openai-000000000000', baseUrl: `${fake.url}/v1` } },
        ai: { textModel: 'openai:gpt-4o-mini', imageModel: 'openai:dall-e-3', batch: { pollSeconds: 0.6 } },
        media: { dir: 'media' },
      },
    });
    await importKeywords(kit.core.db, kit.scope, {
      bytes: fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv')),
    } as never);
  }, 60_000);
  afterEach(() => delete process.env[ENV]);
  afterAll(async () => {
    if (saved === undefined) delete process.env[ENV];
    else process.env[ENV] = saved;
    await kit?.close();
    await fake?.close();
  });

  /** Stage 2 (ideas) of two clusters in batch mode; the number of polls its batch took. */
  async function polls(options: { batchPollSeconds?: number } = {}): Promise<number> {
    const events: RunEvent[] = [];
    const run = await kit.core.automation.start(kit.scope, {
      options: { stages: [1, 2], batch: true, maxItemsPerStage: 2, ...options },
      onEvent: (e) => events.push(e),
    });
    expect(run.status).toBe('completed');
    return events.filter((e) => e.type === 'batch').length;
  }

  it('polls at the config key, the run option and the environment variable', async () => {
    const config = await polls();
    const option = await polls({ batchPollSeconds: 0.05 });
    process.env[ENV] = '50';
    const env = await polls();
    expect(config).toBeGreaterThanOrEqual(2);
    expect(config).toBeLessThanOrEqual(4);
    expect(option).toBeGreaterThanOrEqual(8);
    expect(env).toBeGreaterThanOrEqual(8);
  }, 120_000);
});
