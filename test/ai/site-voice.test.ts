import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGenerateContentInput } from '../../src/ai/index.js';
import type { Igny8Error } from '../../src/errors/index.js';
import { importKeywords } from '../../src/planner/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import {
  createFakeProviderServer,
  type FakeProviderServer,
  type FakeTextRequest,
} from '../../src/testing/index.js';
import { findBannedPhrases, removeBannedPhrases, voiceInstructions } from '../../src/writer/index.js';
import { htmlToText } from '../../src/writer/html-text.js';
import { FIXTURES } from '../helpers/project.js';
import { DIALECTS } from '../helpers/test-db.js';
import { createAiKit, type AiKit } from './ai-kit.js';

const BANNED = ['world-class', 'game changer'];
const GUIDE = {
  tone: 'warm, expert, no hype',
  person: 'second' as const,
  readingLevel: 8,
  bannedPhrases: BANNED,
  preferredTerms: [{ term: 'big improvement', insteadOf: ['game changer'] }],
  sample: 'Grind just before you brew. You will taste the difference.',
};

describe('voice guide helpers', () => {
  it('renders every field as instructions, after the older free-text voice', () => {
    const text = voiceInstructions({ ...GUIDE }, 'Friendly.')!;
    expect(text.split('\n')[0]).toBe('Friendly.');
    expect(text).toContain('Tone: warm, expert, no hype.');
    expect(text).toContain('second person ("you")');
    expect(text).toContain('US grade 8');
    expect(text).toContain('Say "big improvement", not "game changer".');
    expect(text).toContain('Never use these phrases: "world-class", "game changer".');
    expect(text).toContain('Grind just before you brew.');
    expect(voiceInstructions(undefined, '  ')).toBeUndefined();
  });

  it('finds banned phrases case-insensitively as whole words, and removes or replaces them in text only', () => {
    expect(findBannedPhrases('A World-Class  grinder.', BANNED)).toEqual(['world-class']);
    expect(findBannedPhrases('not-world-classy', BANNED)).toEqual([]);
    const html = '<p class="game changer">A world-class grinder is a Game Changer.</p>';
    expect(removeBannedPhrases(html, BANNED, GUIDE.preferredTerms)).toBe(
      '<p class="game changer">A grinder is a big improvement.</p>',
    );
  });
});

/** A sandbox answer with the banned phrases written into its second paragraph. */
function withBanned(req: FakeTextRequest): Record<string, unknown> | undefined {
  const answer = sandboxRespond(req);
  if (!answer || typeof answer.html !== 'string') return answer;
  return {
    ...answer,
    html: answer.html.replace('</p>', '</p><p>This world-class grinder is a game changer for mornings.</p>'),
  };
}

describe.each(DIALECTS)('site voice and style guide on %s', (dialect) => {
  let fake: FakeProviderServer;
  let kit: AiKit;
  let taskIds: string[] = [];
  /** "repair": only the first answer has the phrases; "stubborn": the repair has them too. */
  let mode: 'repair' | 'stubborn' = 'repair';
  beforeAll(async () => {
    fake = await createFakeProviderServer({
      seed: 9,
      respond: (req) =>
        req.schemaName === 'generate_content' && (mode === 'stubborn' || req.messages.length <= 2)
          ? withBanned(req)
          : sandboxRespond(req),
    });
    kit = await createAiKit(dialect, {
      credits: 100_000,
      config: {
        providers: { anthropic: { apiKey: 'sk-ant-fake-00000000000000', baseUrl: fake.url } },
        ai: { textModel: 'anthropic:claude-haiku-4-5' },
      },
    });
    const csv = fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv'));
    await importKeywords(kit.core.db, kit.scope, { bytes: csv } as never);
    const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
    await kit.core.automation.start(site, { options: { stages: [1, 2], maxItemsPerStage: 1 } });
    await kit.core.automation.start(site, { options: { stages: [3] } });
    taskIds = (await kit.core.tasks.list(kit.scope)).items.map((t) => t.id);
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
    await fake?.close();
  });

  it('sets, merges, shows and refuses a bad guide without writing', async () => {
    const { accountId, siteId } = kit.scope;
    const scope = { accountId };
    expect((await kit.core.siteVoice.show(scope, siteId)).guide).toBeNull();
    await kit.core.siteVoice.set(scope, siteId, { tone: 'plain', bannedPhrases: ['x-factor'] });
    const v = await kit.core.siteVoice.set(scope, siteId, GUIDE);
    expect(v.guide).toEqual(GUIDE);
    const merged = await kit.core.siteVoice.set(scope, siteId, { sample: null, readingLevel: 9 });
    expect(merged.guide).toMatchObject({ tone: GUIDE.tone, readingLevel: 9, bannedPhrases: BANNED });
    expect(merged.guide).not.toHaveProperty('sample');
    const err = await kit.core.siteVoice.set(scope, siteId, { person: 'fourth' }).catch((e: unknown) => e);
    expect((err as Igny8Error).code).toBe('VALIDATION_FAILED');
    expect((err as Igny8Error).fields).toHaveProperty('person');
    expect((await kit.core.siteVoice.show(scope, siteId)).guide?.readingLevel).toBe(9);
    await kit.core.siteVoice.set(scope, siteId, GUIDE);
  });

  it('sends the guide to the writer in the pipeline, and one repair removes the banned phrases', async () => {
    mode = 'repair';
    fake.resetStats();
    const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
    const run = await kit.core.automation.start(site, { options: { stages: [4], maxItemsPerStage: 1 } });
    expect(run.status).toBe('completed');
    const prompts = fake.stats.log.map((c) => JSON.stringify(c.body));
    expect(prompts).toHaveLength(2); // the answer and its one repair
    expect(prompts[0]).toContain('Tone: warm, expert, no hype.');
    expect(prompts[0]).toContain('Never use these phrases');
    expect(prompts[1]).toContain('bans \\"world-class\\", \\"game changer\\"');
    const row = await kit.t.db.selectFrom('contents').selectAll().executeTakeFirstOrThrow();
    expect(findBannedPhrases(htmlToText(row.html), BANNED)).toEqual([]);
  }, 120_000);

  it('replaces or drops phrases a stubborn repair kept, instead of failing the article', async () => {
    mode = 'stubborn';
    const input = await loadGenerateContentInput(kit.core.db, kit.scope, taskIds[1]!);
    expect(input.style?.bannedPhrases).toEqual(BANNED);
    const res = await kit.core.ai.run(kit.scope, 'generate_content', input, { opId: 'voice-stubborn' });
    expect(res.repaired).toBe(true);
    const text = htmlToText((res.output as { html: string }).html);
    expect(findBannedPhrases(text, BANNED)).toEqual([]);
    expect(text).toContain('This grinder is a big improvement for mornings.');
  }, 120_000);
});
