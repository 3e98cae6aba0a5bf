import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

// Issue 11: `igny8 models list` in a folder with no workspace left an empty igny8.db behind.
describe('commands in a folder that is not a workspace', () => {
  it('refuse with NOT_INITIALIZED and leave no file behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-empty-'));
    try {
      for (const args of [
        ['models', 'list'],
        ['keywords', 'list'],
      ]) {
        const r = await runCli(args, {
          cwd: dir,
          env: { IGNY8_DATABASE_URL: undefined, IGNY8_CONFIG: undefined },
        });
        expect(r.code, r.stderr).toBe(8);
        expect(r.stderr).toMatch(/^error NOT_INITIALIZED: /);
        expect(r.stderr).toContain('igny8 init');
        expect(fs.readdirSync(dir)).toEqual([]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
