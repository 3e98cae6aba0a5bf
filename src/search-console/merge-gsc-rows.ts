import type { GscRow } from './parse-gsc-row.js';

/**
 * Sum rows of the same day × page × query (the bulk export splits a day by country and device):
 * clicks and impressions add up, the position is weighted by impressions. One INSERT may not touch
 * a key twice on PostgreSQL, so each batch is merged before it is written; rows of one key in
 * different batches meet in the upsert instead.
 * @example mergeGscRows([{…, impressions: 10, position: 3}, {same key, impressions: 30, position: 6}])[0].position // 5.25
 */
export function mergeGscRows(rows: readonly GscRow[]): GscRow[] {
  const byKey = new Map<string, GscRow>();
  for (const r of rows) {
    const key = `${r.date}\u0000${r.page}\u0000${r.query}`;
    const had = byKey.get(key);
    if (!had) {
      byKey.set(key, { ...r });
      continue;
    }
    const impressions = had.impressions + r.impressions;
    had.position =
      impressions === 0
        ? r.position
        : (had.position * had.impressions + r.position * r.impressions) / impressions;
    had.clicks += r.clicks;
    had.impressions = impressions;
  }
  return byKey.size === rows.length ? (rows as GscRow[]) : [...byKey.values()];
}
