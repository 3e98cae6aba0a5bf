import type { CandidateWindow } from '../api-contract/refresh-candidates.schema.js';

const DAY_MS = 86_400_000;
const day = (iso: string, add: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + add * DAY_MS).toISOString().slice(0, 10);

/**
 * Pure: the current window is the `days` days ending at the last day with data (Search Console
 * lags two or three days, so "today" would compare a partial window), the previous one the `days` before.
 * @example candidateWindow('2026-03-28', 28) // { from: '2026-03-01', to: '2026-03-28', previousFrom: '2026-02-01', previousTo: '2026-02-28', days: 28 }
 */
export function candidateWindow(lastDate: string, days: number): CandidateWindow {
  return {
    days,
    from: day(lastDate, -(days - 1)),
    to: lastDate,
    previousFrom: day(lastDate, -(2 * days - 1)),
    previousTo: day(lastDate, -days),
  };
}
