import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, FIXTURES, type Project } from '../helpers/project.js';
import { spawnCli } from '../helpers/run-cli.js';

/** Issue 11: Ctrl-C during a run must say how to resume and leave the run resumable. */
describe('Ctrl-C during igny8 run', () => {
  let p: Project;
  let runId = '';
  let code: number | null = null;
  let stderr = '';

  beforeAll(async () => {
    p = await createProject();
    await p.json([
      'keywords',
      'import',
      path.join(FIXTURES, 'semrush-coffee.csv'),
      '--site',
      'coffee-blog',
      '--sector',
      'brewing',
    ]);
    const child = spawnCli(['run', '--site', 'coffee-blog', '--json', '--concurrency', '2'], { cwd: p.dir });
    let items = 0;
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    child.stdout!.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (!line.startsWith('{')) continue;
        const e = JSON.parse(line);
        if (e.type === 'run') runId = e.runId;
        if (e.type === 'item' && ++items === 12) child.kill('SIGINT');
      }
    });
    code = await new Promise((r) => child.on('exit', (c) => r(c)));
  }, 300_000);

  afterAll(() => fs.rmSync(p.dir, { recursive: true, force: true }));

  it('exits 130 with how to resume, and the run is paused', async () => {
    expect(code, stderr).toBe(130);
    expect(stderr).toContain(`igny8 runs resume ${runId}`);
    expect(stderr).not.toMatch(/this is a bug/i);
    const run = await p.json(['runs', 'show', runId]);
    expect(run.status).toBe('paused');
  });

  it('resumes to completion', async () => {
    const r = await p.cli(['runs', 'resume', runId, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(last).toMatchObject({ type: 'result', failed: 0, exitCode: 0 });
    expect(last.run.status).toBe('completed');
    expect(last.run.id).toBe(runId);
  }, 300_000);
});
