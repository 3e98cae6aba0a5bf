import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type DbHandle } from '../../src/db/index.js';
import { runCli, type CliResult } from './run-cli.js';

export const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/keywords');

export interface Project {
  dir: string;
  cli(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  /** Run a command with --json and parse stdout (last JSON document when it streams NDJSON). */
  json<T = any>(args: string[], env?: Record<string, string | undefined>): Promise<T>;
  db(): Promise<DbHandle>;
}

/** A fresh `igny8 init --yes` project in a temp folder, on SQLite, driven through the real CLI. */
export async function createProject(env: Record<string, string | undefined> = {}): Promise<Project> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-project-'));
  const baseEnv = {
    OPENAI_API_KEY: '',
    ANTHROPIC_API_KEY: '',
    IGNY8_MASTER_KEY: 'test-master-key-0123456789',
    ...env,
  };
  const cli = (args: string[], e: Record<string, string | undefined> = {}) =>
    runCli(args, { cwd: dir, env: { ...baseEnv, ...e }, timeoutMs: 300_000 });
  const init = await cli([
    'init',
    '--yes',
    '--email',
    'owner@example.com',
    '--password',
    'correct horse battery',
    '--site',
    'Coffee Blog',
    '--sector',
    'Brewing',
    '--json',
  ]);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  return {
    dir,
    cli,
    async json(args, e) {
      const r = await cli([...args, '--json'], e);
      if (r.code !== 0)
        throw new Error(`igny8 ${args.join(' ')} exited ${r.code}: ${r.stderr}\n${r.stdout.slice(-2000)}`);
      const text = r.stdout.trim();
      try {
        return JSON.parse(text);
      } catch {
        return JSON.parse(
          text
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .pop()!,
        );
      }
    },
    db: () => createDb(`sqlite:${path.join(dir, 'igny8.db')}`),
  };
}
