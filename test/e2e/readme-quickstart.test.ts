import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors/index.js';
import { FIXTURES } from '../helpers/project.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The `igny8 …` lines of the Quick start's shell block, comments stripped. */
function quickStartCommands(): Array<{ line: string; comment: string }> {
  const section = README.slice(README.indexOf('## Quick start'));
  const block = /```bash\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split('\n')
    .map((l) => {
      const m = /^(.*?)(?:\s+#\s(.*))?$/.exec(l)!;
      return { line: m[1]!.trim(), comment: m[2] ?? '' };
    })
    .filter((c) => c.line.startsWith('igny8 '));
}

// Need a real WordPress (covered by test/wordpress) or a provider key; the rest runs as written.
const NEEDS_OUTSIDE = [/^igny8 wp connect/, /^igny8 publish\b/];

/**
 * Issue 11: the README's Quick start used `--sector main` while `init` names the sector `general`,
 * so it failed as written. This runs its commands, parsed from the README, against the sandbox.
 */
describe('README Quick start, as written', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-quickstart-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('every command succeeds in a fresh folder', async () => {
    const commands = quickStartCommands();
    expect(commands.map((c) => c.line)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^igny8 init/), expect.stringMatching(/^igny8 run$/)]),
    );
    // The user's own export, named as in the README.
    fs.copyFileSync(path.join(FIXTURES, 'semrush-coffee.csv'), path.join(dir, 'semrush.csv'));
    const env = { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', IGNY8_MASTER_KEY: 'test-master-key-0123456789' };
    let ran = 0;
    for (const { line, comment } of commands) {
      if (/optional/i.test(comment) || NEEDS_OUTSIDE.some((re) => re.test(line))) continue;
      let args = line.split(/\s+/).slice(1);
      if (args.includes('<id>')) {
        const review = await runCli(['content', 'list', '--status', 'review', '--json'], { cwd: dir, env });
        const id = JSON.parse(review.stdout).items[0].id as string;
        args = args.map((a) => (a === '<id>' ? id : a));
      }
      const r = await runCli(args, { cwd: dir, env, timeoutMs: 300_000 });
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
      ran++;
    }
    expect(ran).toBeGreaterThanOrEqual(6);
  }, 600_000);

  it('the exit-code table matches the error catalog', () => {
    const table = README.slice(README.indexOf('### Exit codes'));
    const rows = table.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    let checked = 0;
    for (const row of rows) {
      const exit = Number(/^\| (\d+) \|/.exec(row)![1]);
      for (const [, code] of row.matchAll(/`([A-Z][A-Z_]+)`/g)) {
        if (!(code! in ERROR_CODES)) continue;
        expect(ERROR_CODES[code as keyof typeof ERROR_CODES].exit, code).toBe(exit);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
    // Every exit code the catalog uses has its row.
    const documented = new Set(rows.map((r) => Number(/^\| (\d+) \|/.exec(r)![1])));
    for (const info of Object.values(ERROR_CODES)) expect(documented, String(info.exit)).toContain(info.exit);
  });
});
