import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RefreshResultsSchema } from '../../../../src/api-contract/index.js';
import { route } from '../../api/endpoints';
import { apiQuery } from '../../api/queries';
import { AsyncView, Empty } from '../../components/feedback';
import { Card } from '../../components/page';
import { num } from '../../util/format';

type Results = z.infer<typeof RefreshResultsSchema>;
type Result = Results['items'][number];

const pos = (p: number | null) => (p === null ? '—' : p.toFixed(1));

function Cell({
  before,
  after,
  fmt,
}: {
  before: number | null;
  after: number | null | undefined;
  fmt: (n: number | null) => string;
}) {
  return (
    <>
      {fmt(before)} → {after === undefined ? <span className="muted">…</span> : fmt(after)}
    </>
  );
}

function Row({ r }: { r: Result }) {
  return (
    <tr>
      <td>
        <a href={r.url} target="_blank" rel="noopener noreferrer">
          {r.title ?? r.url}
        </a>
      </td>
      <td>{r.publishedAt.slice(0, 10)}</td>
      <td>
        <Cell before={r.before.clicks} after={r.after?.clicks} fmt={(n) => num(n)} />
      </td>
      <td>
        <Cell before={r.before.impressions} after={r.after?.impressions} fmt={(n) => num(n)} />
      </td>
      <td>
        <Cell before={r.before.position} after={r.after ? r.after.position : undefined} fmt={pos} />
      </td>
      <td>
        {r.status === 'ready' ? (
          `${r.days} days each side`
        ) : (
          <span className="muted">
            waiting: {r.daysAvailable} of {r.days} days
          </span>
        )}
      </td>
    </tr>
  );
}

/** Before against after for each refresh that went live (Search Console clicks, impressions, position). */
export function RefreshResults({ siteId }: { siteId: string }) {
  const results = useQuery(
    apiQuery<Results>(route('/sites/{siteId}/refresh/results', { siteId }), { days: 28 }),
  );
  return (
    <Card title="Results">
      <AsyncView state={results} what="Refresh results">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>
              No refresh has gone live yet. Once one has, its page’s clicks and position from Search Console
              show here, 28 days before against 28 days after.
            </Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Refresh results</caption>
                <thead>
                  <tr>
                    <th scope="col">Post</th>
                    <th scope="col">Live</th>
                    <th scope="col">Clicks</th>
                    <th scope="col">Impressions</th>
                    <th scope="col">Position</th>
                    <th scope="col">Window</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <Row key={r.refreshId} r={r} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </AsyncView>
    </Card>
  );
}
