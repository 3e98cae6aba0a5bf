import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProgram } from './program.js';

const README = fs.readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md'),
  'utf8',
);

/** The README's command table rows, keyed by the line they are on. */
const tableRows = README.split('\n').filter((l) => l.startsWith('| `igny8 '));

describe('README', () => {
  it('documents every command and subcommand the CLI registers', () => {
    const missing: string[] = [];
    for (const cmd of createProgram().commands) {
      const rows = tableRows.filter((r) => new RegExp(`\`igny8 ${cmd.name()}[\\s\`]`).test(r));
      if (rows.length === 0) {
        missing.push(cmd.name());
        continue;
      }
      for (const sub of cmd.commands) {
        const word = new RegExp(`[\\s|\`\\\\[]${sub.name()}[\\s|\`\\\\\\]]`);
        if (!rows.some((r) => word.test(r))) missing.push(`${cmd.name()} ${sub.name()}`);
      }
    }
    expect(missing, 'add these to the Commands table in README.md').toEqual([]);
  });
});
