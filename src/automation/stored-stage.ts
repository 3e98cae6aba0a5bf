import { Igny8Error } from '../errors/index.js';
import { stageByKey, stageByNumber } from './stages.js';

/**
 * Stored rows name a stage by its key (migrations 0011, 0028, 0033), so inserting a stage renumbers
 * nothing stored; repositories keep taking and returning stage numbers, the engine's working name
 * for a stage, and convert at the column with these two.
 */

/** The key stage `n` is stored under; a number no stage has is a bug in the caller. */
export function stageKeyOf(n: number): string {
  const def = stageByNumber(n);
  if (!def) throw new Igny8Error('INTERNAL', `No pipeline stage is numbered ${n}`);
  return def.key;
}

/** A stored stage as its number; a number written by a process older than the migration reads as itself. */
export function stageNumberOf(stored: string | number): number {
  return stageByKey(String(stored))?.n ?? Number(stored);
}

/**
 * Every value stage `n` may be stored as, for a filter on the column: its key, and the number a
 * process older than the migration writes (SQLite keeps it as text, `'4'`, or `'4.0'` when the
 * driver binds it as a real).
 */
export function storedFormsOf(n: number): string[] {
  return [stageKeyOf(n), String(n), `${n}.0`];
}
