import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, type Project } from '../test/helpers/project.js';
import { runCli } from '../test/helpers/run-cli.js';
import { completionScript } from './completion-script.js';
import { createProgram } from './program.js';
import { suggestCommands } from './unknown-command.js';

function leaves(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => (c.commands.length ? leaves(c) : [c]));
}

/** Issue 11, CLI conventions compared with gh, npm and wrangler. */
describe('CLI conventions', () => {
  it('every command has examples in its help, and hand-written examples use real flags', () => {
    const program = createProgram();
    for (const cmd of leaves(program)) {
      let help = '';
      cmd.configureOutput({ writeOut: (s) => (help += s) });
      cmd.outputHelp();
      expect(help, cmd.name()).toMatch(/\nExamples:\n {2}\$ .*igny8 /);
      const flags = new Set([...cmd.options, ...program.options].map((o) => o.long));
      const examples = help.slice(help.indexOf('\nExamples:'));
      for (const f of examples.match(/ --[a-z][a-z-]*/g) ?? [])
        expect(flags, `${cmd.name()}: ${f}`).toContain(f.trim());
    }
  });

  it('suggests the closest command for a typo', () => {
    const names = createProgram().commands.map((c) => c.name());
    expect(suggestCommands('rnus', names)).toContain('runs');
    expect(suggestCommands('kewords', names)[0]).toBe('keywords');
    expect(suggestCommands('xyzzy', names)).toEqual([]);
  });

  it('completion scripts are generated from the commands; the bash one parses', () => {
    const program = createProgram();
    const bash = completionScript(program, 'bash');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-completion-'));
    try {
      fs.writeFileSync(path.join(dir, 'c.bash'), bash);
      execFileSync('bash', ['-n', path.join(dir, 'c.bash')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const script = completionScript(program, shell);
      for (const word of ['keywords', 'runs', 'max-credits', 'completion']) expect(script).toContain(word);
    }
    expect(completionScript(program, 'fish')).toContain("__fish_seen_subcommand_from runs' -a 'logs'");
  });
});

describe('CLI conventions (processes)', () => {
  let p: Project;
  beforeAll(async () => {
    p = await createProject();
  }, 120_000);
  afterAll(() => fs.rmSync(p.dir, { recursive: true, force: true }));

  it('an unknown command exits 2 with a suggestion, even with --help', async () => {
    for (const args of [['rnus'], ['rnus', '--help']]) {
      const r = await runCli(args, { cwd: p.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("unknown command 'rnus'");
      expect(r.stderr).toContain('Did you mean runs?');
      expect(r.stdout).not.toContain('Usage:');
    }
  }, 60_000);

  it('validation messages name the flag, not the internal field', async () => {
    const r = await p.cli(['run', '--max-credits', '0', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-credits');
    expect(r.stderr).not.toContain('maxCredits');
    const items = await p.cli(['run', '--max-items', 'lots', '--dry-run']);
    expect(items.stderr).toContain('--max-items');
    expect(items.stderr).not.toContain('maxItemsPerStage');
  }, 60_000);

  it('every --json list has one shape: { items: [...], total }', async () => {
    const lists = [
      ['site', 'list'],
      ['sector', 'list'],
      ['models', 'list'],
      ['account', 'plans'],
      ['prompts', 'list'],
      ['user', 'list'],
      ['apikey', 'list'],
      ['keywords', 'list'],
      ['runs', 'list'],
      ['content', 'list'],
    ];
    for (const args of lists) {
      const out = await p.json(args);
      expect(Array.isArray(out.items), args.join(' ')).toBe(true);
      expect(typeof out.total, args.join(' ')).toBe('number');
      expect(out.total).toBeGreaterThanOrEqual(out.items.length);
    }
  }, 300_000);

  it('`igny8 completion bash` prints the script; an unknown shell is a usage error', async () => {
    const r = await p.cli(['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('complete -F _igny8_complete igny8');
    const bad = await p.cli(['completion', 'powershell']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bash, zsh, fish');
  }, 60_000);
});
