import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/helpers/run-cli.js';

describe('cli frame', () => {
  it('prints help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: igny8');
    expect(r.stdout).toContain('migrate');
  });

  it('rejects an unknown command with a usage exit code', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'no-such-command'");
  });

  it('reports a malformed config with its key, a hint and exit 8, without a stack', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-cfg-'));
    fs.writeFileSync(path.join(dir, 'igny8.config.json'), JSON.stringify({ database: { url: 'mysql://x' } }));
    const r = await runCli(['config', 'validate', '--json'], { cwd: dir });
    expect(r.code).toBe(8);
    expect(r.stderr).toMatch(/CONFIG_INVALID.*database\.url/);
    expect(r.stderr).toContain('hint:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const body = JSON.parse(r.stdout);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('CONFIG_INVALID');
  });

  it('masks secrets from the environment in config show', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-cfg-'));
    const secret = 'sk-test-THISSHOULDNEVERPRINT1234';
    const r = await runCli(['config', 'show', '--json'], { cwd: dir, env: { OPENAI_API_KEY: secret } });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(secret);
    expect(JSON.parse(r.stdout).config.providers.openai.apiKey).toMatch(/…1234$/);
  });
});
