import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandWord, createProgram } from '../program.js';
import { COMMANDS_BY_NAME } from './by-name.js';
import { COMMANDS } from './index.js';

/** Top-level command name → the register functions (in COMMANDS order) that declare or extend it. */
function owners(): Map<string, Array<(p: Command) => void>> {
  const program = new Command('igny8');
  const out = new Map<string, Array<(p: Command) => void>>();
  for (const register of COMMANDS) {
    const subs = new Map(program.commands.map((c) => [c, c.commands.length]));
    register(program);
    for (const c of program.commands)
      if (subs.get(c) !== c.commands.length)
        for (const name of [c.name(), ...c.aliases()]) out.set(name, [...(out.get(name) ?? []), register]);
  }
  return out;
}

/** Every command's help under `cmd` (with its examples), keyed by its path. */
function helps(cmd: Command, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of cmd.commands) {
    const key = `${prefix}${sub.name()}`;
    let help = '';
    sub.configureOutput({ writeOut: (text) => (help += text) });
    sub.outputHelp();
    out[key] = help;
    Object.assign(out, helps(sub, `${key} `));
  }
  return out;
}

describe('COMMANDS_BY_NAME (declare only the command a run names)', () => {
  it('names, for each command, exactly the register functions that declare it, in order', () => {
    const all = owners();
    for (const [name, registers] of Object.entries(COMMANDS_BY_NAME))
      expect(registers, name).toEqual(all.get(name));
    // Most commands are listed; completion walks every command, so it is not.
    expect(Object.keys(COMMANDS_BY_NAME).length).toBeGreaterThan(30);
    expect(COMMANDS_BY_NAME).not.toHaveProperty('completion');
  });

  it('gives every command the same help, options and subcommands as the whole program', () => {
    const whole = helps(createProgram());
    for (const name of Object.keys(COMMANDS_BY_NAME)) {
      const program = createProgram([name, '--help']);
      const top = program.commands.find((c) => c.name() === name || c.aliases().includes(name));
      expect(top, name).toBeDefined();
      const own = helps(program);
      for (const [key, text] of Object.entries(own)) expect(text, key).toBe(whole[key]);
    }
  });

  it('finds the command word after root options only', () => {
    expect(commandWord(['keywords', 'list'])).toBe('keywords');
    expect(commandWord(['--json', '-c', 'x.ts', '--account', 'a1', 'keywords', 'list'])).toBe('keywords');
    expect(commandWord(['--config=x.ts', 'runs'])).toBe('runs');
    expect(commandWord(['--help', 'keywords'])).toBeUndefined();
    expect(commandWord(['-v'])).toBeUndefined();
    expect(commandWord([])).toBeUndefined();
    // Root help, completion and unknown words declare every command.
    expect(createProgram(['--help', 'keywords']).commands.length).toBe(createProgram().commands.length);
    expect(createProgram(['completion', 'bash']).commands.length).toBe(createProgram().commands.length);
    expect(createProgram(['constructor']).commands.length).toBe(createProgram().commands.length);
    expect(createProgram(['keywords', 'list']).commands.map((c) => c.name())).toEqual(['keywords']);
  });
});
