import { describe, expect, it } from 'vitest';
import { withStatementCache, type RawSqlite } from './statement-cache.js';

/** A stand-in for better-sqlite3 that counts prepares and lets a test mark statements busy. */
function fakeRaw() {
  const prepared: Array<{ sql: string; busy: boolean }> = [];
  let closed = false;
  const raw: RawSqlite = {
    close: () => void (closed = true),
    prepare(sql: string) {
      const stmt = {
        sql,
        busy: false,
        reader: true,
        all: () => [],
        run: () => ({ changes: 0, lastInsertRowid: 0 }),
        iterate: () => [][Symbol.iterator](),
      };
      prepared.push(stmt);
      return stmt;
    },
  };
  return { raw, prepared, isClosed: () => closed };
}

describe('withStatementCache', () => {
  it('prepares each SQL text once and hands the same statement back', () => {
    const f = fakeRaw();
    const db = withStatementCache(f.raw);
    const a = db.prepare('select 1');
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(a);
    expect(f.prepared.map((s) => s.sql)).toEqual(['select 1', 'select 2']);
  });

  it('prepares a fresh statement while the cached one is being iterated', () => {
    const f = fakeRaw();
    const db = withStatementCache(f.raw);
    db.prepare('select 1');
    f.prepared[0]!.busy = true;
    expect(db.prepare('select 1')).not.toBe(f.prepared[0]);
    expect(f.prepared).toHaveLength(2);
  });

  it('drops the least recently used statements beyond its size, and long SQL sooner', () => {
    const f = fakeRaw();
    const db = withStatementCache(f.raw);
    for (let i = 0; i < 256; i++) db.prepare(`select ${i}`);
    db.prepare('select 0'); // used again: now the most recent
    db.prepare('select 256'); // evicts "select 1"
    const before = f.prepared.length;
    db.prepare('select 0');
    expect(f.prepared.length).toBe(before);
    db.prepare('select 1');
    expect(f.prepared.length).toBe(before + 1);
    const long = (i: number) => `select ${'1,'.repeat(6000)}${i}`;
    for (let i = 0; i < 5; i++) db.prepare(long(i));
    const afterLong = f.prepared.length;
    db.prepare(long(4));
    expect(f.prepared.length).toBe(afterLong);
    db.prepare(long(0));
    expect(f.prepared.length).toBe(afterLong + 1);
    db.prepare('select 3'); // short statements were not pushed out by long ones
    expect(f.prepared.length).toBe(afterLong + 1);
  });

  it('closes the connection', () => {
    const f = fakeRaw();
    withStatementCache(f.raw).close();
    expect(f.isClosed()).toBe(true);
  });
});
