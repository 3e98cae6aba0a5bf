import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { paths } from '../../api/endpoints';
import { apiQuery } from '../../api/queries';
import type { CalendarEntry } from '../../api/types';
import { AsyncView } from '../../components/feedback';
import { dayKey } from '../../util/format';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The days shown for a month: whole weeks, Monday first. */
export function monthGrid(year: number, month: number): Date[] {
  const first = new Date(year, month, 1);
  const start = new Date(year, month, 1 - ((first.getDay() + 6) % 7));
  const last = new Date(year, month + 1, 0);
  const days: Date[] = [];
  for (
    let d = new Date(start);
    d <= last || days.length % 7 !== 0;
    d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)
  )
    days.push(d);
  return days;
}

/** Scheduled and published posts by day, a month at a time. */
export function Calendar({ siteId }: { siteId: string }) {
  const now = new Date();
  const [ym, setYm] = useState({ y: now.getFullYear(), m: now.getMonth() });
  const days = monthGrid(ym.y, ym.m);
  const from = days[0]!.toISOString();
  const to = new Date(days[days.length - 1]!.getTime() + 86_400_000).toISOString();
  const list = useQuery(apiQuery<CalendarEntry[]>(paths.calendar, { siteId, from, to }));
  const title = new Date(ym.y, ym.m, 1).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
  const shift = (n: number) =>
    setYm(({ y, m }) => ({ y: m + n < 0 ? y - 1 : m + n > 11 ? y + 1 : y, m: (m + n + 12) % 12 }));
  const today = dayKey(now);

  return (
    <div>
      <div className="row calendar-nav">
        <button type="button" onClick={() => shift(-1)} aria-label="Previous month">
          ‹
        </button>
        <h3 aria-live="polite">{title}</h3>
        <button type="button" onClick={() => shift(1)} aria-label="Next month">
          ›
        </button>
      </div>
      <AsyncView state={list} what="The publishing calendar">
        {(entries) => {
          const byDay = new Map<string, CalendarEntry[]>();
          for (const e of entries) {
            if (!e.at) continue;
            const k = dayKey(new Date(e.at));
            byDay.set(k, [...(byDay.get(k) ?? []), e]);
          }
          return (
            <table className="calendar">
              <caption className="sr-only">Posts scheduled and published in {title}</caption>
              <thead>
                <tr>
                  {WEEKDAYS.map((d) => (
                    <th key={d} scope="col">
                      {d}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: days.length / 7 }, (_, w) => (
                  <tr key={w}>
                    {days.slice(w * 7, w * 7 + 7).map((d) => {
                      const k = dayKey(d);
                      const items = byDay.get(k) ?? [];
                      return (
                        <td
                          key={k}
                          className={`${d.getMonth() === ym.m ? '' : 'other-month'} ${k === today ? 'today' : ''}`}
                        >
                          <span className="day">{d.getDate()}</span>
                          <ul>
                            {items.map((e) => (
                              <li
                                key={e.recordId}
                                className={`cal-${e.status}`}
                                title={e.error ?? e.remoteUrl ?? undefined}
                              >
                                <Link to={`/writer/content/${encodeURIComponent(e.contentId)}`}>
                                  {new Date(e.at!).toLocaleTimeString(undefined, {
                                    hour: '2-digit',
                                    minute: '2-digit',
                                  })}{' '}
                                  {e.status}
                                </Link>
                              </li>
                            ))}
                          </ul>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </AsyncView>
    </div>
  );
}
