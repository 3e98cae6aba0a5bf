import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, type Project } from '../helpers/project.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** One error line, a hint, no stack and no "this is a bug". */
function expectUserError(r: { code: number; stderr: string }, code: string, exit: number) {
  expect(r.code, r.stderr).toBe(exit);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(new RegExp(`^error ${code}: `));
  expect(lines[1]).toMatch(/^hint: /);
  expect(r.stderr).not.toMatch(/this is a bug|\n\s+at /i);
}

const canDropPrivileges = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// Issue 11: a damaged database, a read-only folder and a closed stdout printed a stack and "bug".
describe('user-side problems get their own code, one line and a hint', () => {
  let p: Project;
  beforeAll(async () => {
    p = await createProject();
  }, 120_000);
  afterAll(() => fs.rmSync(p.dir, { recursive: true, force: true }));

  it('a stdout closed by the reader (| head) → OUTPUT_CLOSED, exit 141', async () => {
    const child = spawn(
      process.execPath,
      ['--import', TSX, path.join(ROOT, 'cli/run.ts'), 'keywords', 'list', '--json'],
      { cwd: p.dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // The reader goes away before igny8 writes anything, as `head` does after its lines.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expectUserError({ code: code ?? -1, stderr }, 'OUTPUT_CLOSED', 141);
  }, 60_000);

  it.runIf(canDropPrivileges)(
    'a folder the user may not write → PERMISSION_DENIED, exit 8',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-readonly-'));
      fs.chmodSync(dir, 0o755);
      try {
        // As an unprivileged user in a folder owned by root: igny8 cannot create its database there.
        const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
          const child = spawn(
            'setpriv',
            [
              '--reuid=65534',
              '--regid=65534',
              '--clear-groups',
              process.execPath,
              '--import',
              TSX,
              path.join(ROOT, 'cli/run.ts'),
              'init',
              '--yes',
            ],
            {
              cwd: dir,
              env: { ...process.env, NO_COLOR: '1', HOME: dir },
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
          let stderr = '';
          child.stderr.on('data', (d) => (stderr += d));
          child.on('close', (c) => resolve({ code: c ?? -1, stderr }));
        });
        expectUserError(r, 'PERMISSION_DENIED', 8);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('a damaged database file → DATABASE_CORRUPT, exit 8', async () => {
    const db = path.join(p.dir, 'igny8.db');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
    fs.writeFileSync(db, 'this is not a SQLite database '.repeat(200));
    const r = await runCli(['keywords', 'list'], { cwd: p.dir });
    expectUserError(r, 'DATABASE_CORRUPT', 8);
  }, 60_000);
});
