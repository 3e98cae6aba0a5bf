import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

interface GithubWorkflow {
  on: { schedule: Array<{ cron: string }> };
  jobs: Record<
    string,
    {
      env: Record<string, string>;
      defaults: { run: { shell: string } };
      steps: Array<{ name?: string; run?: string }>;
    }
  >;
}
interface GitlabJob {
  before_script: string[];
  script: string[];
}

const github = parse(
  fs.readFileSync(path.join(root, 'examples/ci/github-actions.yml'), 'utf8'),
) as GithubWorkflow;
const gitlab = parse(fs.readFileSync(path.join(root, 'examples/ci/gitlab-ci.yml'), 'utf8')) as Record<
  string,
  GitlabJob
>;
const job = Object.values(github.jobs)[0]!;
const gitlabJob = gitlab['igny8-nightly']!;
/** The steps a checkout runs after installing igny8 (the install is npm's business, not ours). */
const githubSteps = job.steps.filter((s) => s.run && !s.run.includes('npm install'));
const gitlabSteps = [...gitlabJob.before_script, ...gitlabJob.script].filter(
  (s) => !s.includes('npm install') && !s.startsWith('set '),
);
/** The igny8 command lines of a script, whitespace-normalised. */
const igny8Lines = (scripts: string[]) =>
  scripts.flatMap((s) =>
    s
      .split('\n')
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .filter((l) => l.startsWith('igny8 ')),
  );

describe('CI recipes (examples/ci)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('GitHub Actions and GitLab CI run the same igny8 commands, nightly, with the database URL from a secret', () => {
    expect(github.on.schedule[0]!.cron).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(job.env.IGNY8_DATABASE_URL).toBe('${{ secrets.IGNY8_DATABASE_URL }}');
    // pipefail: `igny8 run … | tee` must fail the step when igny8 does.
    expect(job.defaults.run.shell).toContain('pipefail');
    expect(gitlabJob.before_script).toContain('set -eo pipefail');
    expect(fs.readFileSync(path.join(root, 'examples/ci/gitlab-ci.yml'), 'utf8')).toMatch(
      /IGNY8_DATABASE_URL/,
    );
    const commands = igny8Lines(githubSteps.map((s) => s.run!));
    expect(igny8Lines(gitlabSteps)).toEqual(commands);
    expect(commands.some((c) => c.startsWith('igny8 run '))).toBe(true);
  });

  it(
    'the steps pass against a sandbox workspace on SQLite, and a failing igny8 command fails its step',
    { timeout: 300_000 },
    async () => {
      const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-ci-db-'));
      const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-ci-checkout-'));
      dirs.push(workspace, checkout);
      const secrets = {
        IGNY8_DATABASE_URL: `sqlite:${path.join(workspace, 'igny8.db')}`,
        IGNY8_MASTER_KEY: 'a-long-enough-passphrase-for-the-ci-test',
      };
      // Once, by hand: the workspace the nightly job works on, with a destination to publish to.
      const init = await runCli(
        ['init', '--yes', '--email', 'ci@example.com', '--site', 'Coffee', '--sector', 'general', '--json'],
        { cwd: workspace, env: secrets },
      );
      expect(init.code, init.stderr).toBe(0);
      const { accountId, siteSlug } = JSON.parse(init.stdout) as { accountId: string; siteSlug: string };
      const dest = await runCli(
        [
          'publish',
          'add-destination',
          'folder',
          '--site',
          siteSlug,
          '--dir',
          path.join(workspace, 'out'),
          '--json',
        ],
        { cwd: workspace, env: { ...secrets, IGNY8_ACCOUNT: accountId } },
      );
      expect(dest.code, dest.stderr).toBe(0);

      // The checkout: keyword files, and `igny8` on PATH (the CLI from source).
      fs.mkdirSync(path.join(checkout, 'keywords'));
      fs.writeFileSync(
        path.join(checkout, 'keywords', 'coffee.csv'),
        'Keyword,Volume,Keyword Difficulty\ncold brew ratio,2400,20\ncold brew concentrate,1900,25\nhow long to steep cold brew,1300,18\n',
      );
      const bin = path.join(checkout, '.bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(
        path.join(bin, 'igny8'),
        `#!/bin/sh\nexec "${process.execPath}" --import "${TSX}" "${path.join(root, 'cli/run.ts')}" "$@"\n`,
        { mode: 0o755 },
      );
      const env = {
        ...process.env,
        ...secrets,
        IGNY8_ACCOUNT: accountId,
        IGNY8_SITE: siteSlug,
        OPENAI_API_KEY: '',
        NO_COLOR: '1',
        PATH: `${bin}:${process.env.PATH}`,
      };
      const shell = job.defaults.run.shell.replace(/\s*\{0\}$/, '').split(/\s+/);
      const step = (script: string, extra: Record<string, string> = {}) =>
        spawnSync(shell[0]!, [...shell.slice(1), '-c', script], {
          cwd: checkout,
          env: { ...env, ...extra },
          encoding: 'utf8',
          timeout: 240_000,
        });

      for (const s of githubSteps) {
        const r = step(s.run!);
        expect(r.status, `${s.name}: ${r.stderr}`).toBe(0);
      }
      const events = fs
        .readFileSync(path.join(checkout, 'run.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const last = events.at(-1)!;
      expect(JSON.stringify(last)).toContain('"completed"');

      // The run step fails when igny8 exits non-zero, even piped through tee.
      const runStep = githubSteps.find((s) => s.run!.includes('igny8 run '))!;
      const failed = step(runStep.run!, { IGNY8_SITE: 'no-such-site' });
      expect(failed.status).toBe(3);
    },
  );
});
