import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, FakeRefusal, type FakeProviderServer } from '../../src/testing/index.js';
import { createProject, FIXTURES, type Project } from '../helpers/project.js';

/** The JSON documents of a `--json` run: NDJSON lines, or one pretty-printed document. */
function lines(stdout: string): any[] {
  try {
    return [JSON.parse(stdout)];
  } catch {
    return stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
  }
}

/**
 * Issue 11, exit codes CI cannot act on: a run that completed with failed items exited 0, and
 * `igny8 run` with nothing to do recorded an empty "completed" run. Real CLI processes against the
 * fake provider, which refuses every third article.
 */
describe('igny8 run exit codes', () => {
  let fake: FakeProviderServer;
  let p: Project;
  let env: Record<string, string>;
  beforeAll(async () => {
    let articles = 0;
    fake = await createFakeProviderServer({
      seed: 11,
      respond: (req) =>
        req.schemaName === 'generate_content' && ++articles % 3 === 0
          ? new FakeRefusal()
          : sandboxRespond(req),
    });
    env = {
      OPENAI_API_KEY: 'sk-fake-openai-000000000000',
      OPENAI_BASE_URL: `${fake.url}/v1`,
      ANTHROPIC_API_KEY: 'sk-ant-fake-00000000000000',
      ANTHROPIC_BASE_URL: fake.url,
    };
    p = await createProject(env);
  }, 120_000);
  afterAll(async () => {
    await fake?.close();
    if (p) fs.rmSync(p.dir, { recursive: true, force: true });
  });

  it('nothing to do: says so with a hint, exits 0, records no run', async () => {
    const r = await p.cli(['run', '--site', 'coffee-blog']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Nothing to do');
    expect(r.stdout).toContain('igny8 keywords import');
    const json = await p.cli(['run', '--site', 'coffee-blog', '--json']);
    expect(lines(json.stdout).pop()).toMatchObject({ type: 'result', nothingToDo: true, failed: 0 });
    const runs = await p.json(['runs', 'list']);
    expect(runs.items).toHaveLength(0);
  }, 120_000);

  it('completed with failed items: exit 9, the failed count in the last NDJSON line', async () => {
    await p.json([
      'keywords',
      'import',
      path.join(FIXTURES, 'semrush-coffee.csv'),
      '--site',
      'coffee-blog',
      '--sector',
      'brewing',
    ]);
    const r = await p.cli(['run', '--site', 'coffee-blog', '--stages', '1-4', '--max-items', '6', '--json']);
    expect(r.code, r.stderr).toBe(9);
    expect(r.stderr).toContain('error RUN_COMPLETED_WITH_FAILURES');
    expect(r.stderr).not.toMatch(/this is a bug/i);
    const last = lines(r.stdout).pop();
    expect(last).toMatchObject({ type: 'result', code: 'RUN_COMPLETED_WITH_FAILURES', exitCode: 9 });
    expect(last.failed).toBeGreaterThan(0);
    expect(last.failed).toBe(last.run.results['4'].failed);
  }, 300_000);

  it('--max-failures tolerates them (exit 0) and a bad value names the flag (exit 2)', async () => {
    const bad = await p.cli(['run', '--site', 'coffee-blog', '--max-failures', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-failures');
    const r = await p.cli([
      'run',
      '--site',
      'coffee-blog',
      '--stages',
      '4',
      '--max-failures',
      '100%',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout).pop()).toMatchObject({ type: 'result', exitCode: 0 });
  }, 300_000);
});
