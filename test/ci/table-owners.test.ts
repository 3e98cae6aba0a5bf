import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX_TABLE_OWNERS, TABLE_OWNERS, TABLE_WRITE_EXCEPTIONS } from '../../src/db/table-owners.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(root, 'scripts/measure-queries.mjs');

interface Write {
  table: string;
  module: string;
  file: string;
  line: number;
  kind: 'insert' | 'update' | 'delete';
  inRepository: boolean;
}
interface Measure {
  total: number;
  inRepositories: number;
  outside: number;
  writesOutsideRepositories: number;
  tablesWithSeveralWriters: string[];
  writers: Record<string, Record<string, number>>;
  writes: Write[];
}

function measure(at = root): Measure {
  const res = spawnSync(process.execPath, [SCRIPT, '--writes', '--root', at], { encoding: 'utf8' });
  expect(res.status, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as Measure;
}

let measured: Measure | undefined;
/** The repository measured once for the tests that read it (a few seconds of parsing). */
const repo = () => (measured ??= measure());

const tmp: string[] = [];
afterAll(() => {
  for (const dir of tmp) fs.rmSync(dir, { recursive: true, force: true });
});

describe('one owner per table (issue 15)', () => {
  it("writes each table only from its owning module's repositories", () => {
    const m = repo();
    const owners: Record<string, string> = { ...TABLE_OWNERS, ...INDEX_TABLE_OWNERS };
    const allowed = (w: Write) =>
      TABLE_WRITE_EXCEPTIONS.some((e) => e.table === w.table && e.file === w.file && e.reason.length > 10);
    const stray = m.writes
      .filter((w) => !(w.module === owners[w.table] && w.inRepository) && !allowed(w))
      .map((w) => `${w.kind} ${w.table} in ${w.file}:${w.line} (owner: ${owners[w.table] ?? 'none listed'})`);
    // A new writer: move the query into the owner's *.repository.ts and call it (src/db/table-owners.ts).
    expect(stray).toEqual([]);
    expect(m.tablesWithSeveralWriters).toEqual([]);
    // Not vacuous: the writes the pipeline depends on are seen, in their owners' repositories.
    for (const t of ['contents', 'tasks', 'images', 'keywords', 'clusters', 'ideas', 'automation_runs']) {
      expect(Object.keys(m.writers[t] ?? {}), t).toEqual([owners[t]]);
    }
  });

  it('lists every exception with a reason and only for writes that still exist', () => {
    const m = repo();
    for (const e of TABLE_WRITE_EXCEPTIONS) {
      expect(e.reason.length, `${e.table} ${e.file}`).toBeGreaterThan(10);
      expect(
        m.writes.some((w) => w.table === e.table && w.file === e.file),
        `${e.table} ${e.file}`,
      ).toBe(true);
    }
  });

  it('finds a write outside a repository, a raw one, and tells a subquery from a statement', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-owners-'));
    tmp.push(dir);
    fs.mkdirSync(path.join(dir, 'src/ai'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'src/writer'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'src/ai/save.ts'),
      [
        "export const a = (db) => db.insertInto('contents').values({}).execute();",
        "export const b = (db) => sql`update tasks set status = 'done'`.execute(db);",
        "export const c = (db) => db.selectFrom('ideas').where('id', 'in', db.selectFrom('tasks').select('idea_id')).execute();",
        'export const d = (x) => x.toString();',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'src/writer/contents.repository.ts'),
      "export const e = (db) => db.updateTable('contents as c').set({}).execute();\n",
    );
    fs.writeFileSync(path.join(dir, 'src/writer/x.test.ts'), "db.deleteFrom('contents');\n");
    const m = measure(dir);
    expect(m).toMatchObject({ total: 4, inRepositories: 1, outside: 3, writesOutsideRepositories: 2 });
    expect(m.writers).toEqual({ contents: { ai: 1, writer: 1 }, tasks: { ai: 1 } });
    expect(m.tablesWithSeveralWriters).toEqual(['contents']);
  });
});
