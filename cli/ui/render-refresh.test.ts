import { describe, expect, it } from 'vitest';
import { renderRefreshResults } from './render-refresh.js';

const window = (clicks: number, position: number | null) => ({
  from: '2026-01-01',
  to: '2026-01-28',
  clicks,
  impressions: clicks * 10,
  position,
});

describe('renderRefreshResults', () => {
  it('shows before → after once the days are in, and how many days it waits for otherwise', () => {
    const out = renderRefreshResults([
      {
        refreshId: 'r1',
        url: 'https://ex.test/a/',
        title: 'A',
        publishedAt: '2026-02-01T10:00:00.000Z',
        days: 28,
        status: 'ready',
        daysAvailable: 28,
        before: window(10, 12.34),
        after: window(25, 7.5),
        change: { clicks: 15, impressions: 150, position: -4.84 },
      },
      {
        refreshId: 'r2',
        url: 'https://ex.test/b/',
        title: 'B',
        publishedAt: '2026-03-01T10:00:00.000Z',
        days: 28,
        status: 'waiting',
        daysAvailable: 12,
        before: window(3, null),
        after: null,
        change: null,
      },
    ]);
    expect(out).toMatch(
      /https:\/\/ex\.test\/a\/\s+2026-02-01\s+10 → 25\s+100 → 250\s+12\.3 → 7\.5\s+28 days each side/,
    );
    expect(out).toMatch(
      /https:\/\/ex\.test\/b\/\s+2026-03-01\s+3 → …\s+30 → …\s+- → …\s+waiting: 12 of 28 days/,
    );
    expect(renderRefreshResults([])).toBe('(no refresh has gone live yet)');
  });
});
