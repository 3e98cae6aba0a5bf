import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/index.js';
import { runCli } from '../../test/helpers/run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('igny8 serve on SQLite fires schedules', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs a schedule in-process, once per slot, and stops on SIGTERM', { timeout: 300_000 }, async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-serve-sched-'));
    const env = {
      IGNY8_MASTER_KEY: 'serve-schedules-master-key-01',
      OPENAI_API_KEY: '',
      IGNY8_DATABASE_URL: undefined,
    };
    const cli = (args: string[]) => runCli(args, { cwd: dir, env, timeoutMs: 200_000 });
    const init = await cli([
      'init',
      '--yes',
      '--email',
      'o@example.com',
      '--site',
      'Coffee',
      '--sector',
      'general',
      '--json',
    ]);
    expect(init.code, init.stderr).toBe(0);
    // A one-second tick for the test (the default is 15 s).
    fs.rmSync(path.join(dir, 'igny8.config.ts'));
    fs.writeFileSync(
      path.join(dir, 'igny8.config.json'),
      JSON.stringify({
        database: { url: 'sqlite:./igny8.db' },
        scheduler: { tickSeconds: 1, publishSync: 'off' },
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'kw.csv'),
      'Keyword,Volume\ncold brew ratio,2400\ncold brew concentrate,1900\n',
    );
    expect(
      (await cli(['keywords', 'import', 'kw.csv', '--site', 'coffee', '--sector', 'general', '--json'])).code,
    ).toBe(0);
    const add = await cli([
      'schedule',
      'add',
      '*/2 * * * * *',
      '--name',
      'fast',
      '--stages',
      '1-3',
      '--json',
    ]);
    expect(add.code, add.stderr).toBe(0);

    const child = spawn(
      process.execPath,
      ['--import', TSX, path.join(root, 'cli/run.ts'), 'serve', '--port', '0', '--json'],
      {
        cwd: dir,
        env: { ...process.env, ...env, IGNY8_DATABASE_URL: '', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const db = await createDb('sqlite:./igny8.db', { baseDir: dir });
    try {
      // Wait for a slot whose run completed, and a few more slots after it.
      let slots: Array<{ slot_time: string; status: string; run_id: string | null }> = [];
      for (let i = 0; i < 120; i++) {
        await sleep(1_000);
        slots = await db.db
          .selectFrom('schedule_slots')
          .select(['slot_time', 'status', 'run_id'])
          .where('kind', '=', 'run')
          .orderBy('slot_time')
          .execute();
        const done = await db.db
          .selectFrom('automation_runs')
          .select('id')
          .where('trigger', '=', 'schedule')
          .where('status', '=', 'completed')
          .execute();
        if (done.length > 0 && slots.length >= 4) break;
        if (child.exitCode !== null) break;
      }
      expect(child.exitCode, stderr).toBeNull();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      slots = await db.db
        .selectFrom('schedule_slots')
        .select(['slot_time', 'status', 'run_id'])
        .where('kind', '=', 'run')
        .orderBy('slot_time')
        .execute();
      expect(new Set(slots.map((s) => s.slot_time)).size).toBe(slots.length);
      expect(slots.filter((s) => s.status === 'claimed')).toEqual([]);
      const runs = await db.db
        .selectFrom('automation_runs')
        .select(['id', 'status'])
        .where('trigger', '=', 'schedule')
        .execute();
      const started = slots.filter((s) => s.status === 'started');
      expect(started.length).toBeGreaterThanOrEqual(1);
      expect(new Set(runs.map((r) => r.id))).toEqual(new Set(started.map((s) => s.run_id)));
      expect(runs.some((r) => r.status === 'completed')).toBe(true);
      // The serve log tells what the slots did.
      expect(stderr).toMatch(/schedule \S+: slot \S+ started/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await db.close();
    }
  });
});
