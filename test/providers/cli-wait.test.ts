import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { createProject } from '../helpers/project.js';

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await createFakeProviderServer({
    respond: (req) => sandboxRespond(req),
    misbehave: { stallMs: 6_000, stallCalls: [1], absurdUsage: 1_000_000_000 },
  });
});
afterAll(async () => fake.close());

/**
 * Issue 11, outside `igny8 run`: a single AI command against a provider that stalls and reports
 * 10^9 tokens prints what it waits for and until when, and the corrected usage, on stderr.
 */
describe('igny8 cluster --method ai against a stalling provider', () => {
  it('prints the wait and the usage correction, and completes', async () => {
    const key = 'sk-cli-wait-0123456789abcdef';
    const project = await createProject({ OPENAI_API_KEY: key, OPENAI_BASE_URL: `${fake.url}/v1` });
    const list = path.join(project.dir, 'keywords.txt');
    fs.writeFileSync(
      list,
      ['cold brew ratio', 'cold brew recipe', 'french press ratio', 'espresso grind'].join('\n'),
    );
    await project.json(['keywords', 'import', list, '--site', 'coffee-blog', '--sector', 'brewing']);
    const r = await project.cli([
      'cluster',
      '--method',
      'ai',
      '--site',
      'coffee-blog',
      '--sector',
      'brewing',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /… auto_cluster[^\n]*: no answer from openai after 5 s; waiting until \d\d:\d\d:\d\d UTC/,
    );
    expect(r.stderr).toMatch(
      /warning: auto_cluster[^\n]*openai [\w.-]+: the provider reported 1000000000 input tokens/,
    );
    expect(`${r.stdout}${r.stderr}`).not.toContain(key);
  }, 300_000);
});
