import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { refreshRow, seedWordPressDestination } from '../../test/helpers/seed-refresh.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { compareWindows, refreshResults, windowFigures, type DayRow } from './refresh-results.js';

const day = (d: number) => new Date(Date.UTC(2026, 2, 1) + d * 86_400_000).toISOString().slice(0, 10);

describe('compareWindows', () => {
  // Live on day 0 (2026-03-01): 3 days before at position 12, 3 days after at position 6.
  const rows: DayRow[] = [
    ...[-3, -2, -1].map((d) => ({ date: day(d), query: '', clicks: 2, impressions: 100, position: 12 })),
    { date: day(0), query: '', clicks: 50, impressions: 50, position: 1 },
    ...[1, 2, 3].map((d) => ({ date: day(d), query: '', clicks: 10, impressions: 300, position: 6 })),
    // Query rows are ignored where page totals exist.
    { date: day(1), query: 'cold brew', clicks: 99, impressions: 99, position: 1 },
  ];

  it('waits until N full days after going live have arrived, then compares', () => {
    const waiting = compareWindows(rows, `${day(0)}T09:30:00.000Z`, 3, day(2));
    expect(waiting).toMatchObject({ status: 'waiting', daysAvailable: 2, after: null, change: null });
    expect(waiting.before).toMatchObject({ clicks: 6, impressions: 300, position: 12 });
    const ready = compareWindows(rows, `${day(0)}T09:30:00.000Z`, 3, day(3));
    expect(ready).toMatchObject({
      status: 'ready',
      daysAvailable: 3,
      before: { from: day(-3), to: day(-1), clicks: 6, impressions: 300, position: 12 },
      after: { from: day(1), to: day(3), clicks: 30, impressions: 900, position: 6 },
      change: { clicks: 24, impressions: 600, position: -6 },
    });
  });

  it('weights position by impressions, and uses query rows when the data has no page totals', () => {
    const w = windowFigures(
      [
        { date: day(1), query: 'a', clicks: 1, impressions: 10, position: 2 },
        { date: day(1), query: 'b', clicks: 1, impressions: 30, position: 10 },
      ],
      day(1),
      day(1),
    );
    expect(w).toMatchObject({ clicks: 2, impressions: 40, position: 8 });
    expect(windowFigures([], day(1), day(2)).position).toBeNull();
  });
});

describe.each(DIALECTS)('refreshResults (%s)', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('reads each published refresh’s page from the Search Console rows, with or without a trailing slash', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db);
    const scope = { accountId: a.accountId, siteId: a.siteId };
    await seedWordPressDestination(t.db, scope, { id: 'd1' });
    const refresh = (id: string, status: 'published' | 'review', url: string) =>
      refreshRow(scope, {
        id,
        destination_id: 'd1',
        url,
        slug: id,
        status,
        live_title: 'Cold brew',
        published_at: status === 'published' ? `${day(0)}T12:00:00.000Z` : null,
      });
    await t.db
      .insertInto('content_refreshes')
      .values([
        refresh('r1', 'published', 'https://ex.test/cold-brew/'),
        refresh('r2', 'review', 'https://ex.test/x/'),
      ])
      .execute();
    const gsc = (d: number, clicks: number, position: number) => ({
      account_id: a.accountId,
      site_id: a.siteId,
      date: day(d),
      page: 'https://ex.test/cold-brew',
      query: '',
      clicks,
      impressions: 100,
      position,
    });
    await t.db
      .insertInto('search_console_rows')
      .values([gsc(-2, 1, 14), gsc(-1, 3, 10), gsc(1, 5, 8), gsc(2, 7, 6)])
      .execute();
    const [waiting, ...rest] = await refreshResults(t.db, scope, 3);
    expect(rest).toEqual([]);
    expect(waiting).toMatchObject({ refreshId: 'r1', status: 'waiting', daysAvailable: 2, days: 3 });
    expect(waiting!.before).toMatchObject({ clicks: 4, impressions: 200, position: 12 });
    const [ready] = await refreshResults(t.db, scope, 2);
    expect(ready).toMatchObject({
      status: 'ready',
      after: { clicks: 12, impressions: 200, position: 7 },
      change: { clicks: 8, impressions: 0, position: -5 },
    });
  });
});
