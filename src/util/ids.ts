import { randomUUID } from 'node:crypto';

/** Random, unguessable ids: a guessed id must never reach another tenant's row. */
export function newId(): string {
  return randomUUID();
}

/** ISO-8601 UTC, the one timestamp format stored in both dialects (sorts as text). */
export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}

export function slugify(input: string): string {
  return (
    input
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'item'
  );
}
