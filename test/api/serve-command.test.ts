import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

describe('igny8 serve', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens, answers, and shuts down gracefully on SIGTERM', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-serve-'));
    fs.writeFileSync(
      path.join(dir, 'igny8.config.json'),
      JSON.stringify({ database: { url: 'sqlite:./igny8.db' } }),
    );
    const migrated = await runCli(['migrate', 'up'], { cwd: dir });
    expect(migrated.code).toBe(0);

    const child = spawn(
      process.execPath,
      ['--import', TSX, path.join(root, 'cli/run.ts'), 'serve', '--port', '0', '--json'],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const started = await new Promise<{ url: string; api: string }>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        try {
          resolve(JSON.parse(stdout));
        } catch {
          // not the whole document yet
        }
      });
      child.once('close', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    expect(started.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);

    const health = await fetch(`${started.api}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { data: { database: string } }).data.database).toBe('sqlite');
    // A keep-alive connection and an in-flight request must not hold the shutdown open.
    const anon = await fetch(`${started.api}/auth/me`);
    expect(anon.status).toBe(401);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM');
    expect(stderr).toContain('stopped');
    await expect(fetch(`${started.api}/health`)).rejects.toThrow();
  });

  it('refuses a bad --port with a usage error', async () => {
    const res = await runCli(['serve', '--port', 'abc', '--json'], { cwd: os.tmpdir() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--port');
  });
});
