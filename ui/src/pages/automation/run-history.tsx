import { Link } from 'react-router';
import type { Run } from '../../api/types';
import { Badge } from '../../components/badge';
import { Empty } from '../../components/feedback';
import { dateTime, num } from '../../util/format';

/** Runs of a site, newest first, each linking to its progress and logs. */
export function RunHistory({ runs }: { runs: Run[] }) {
  if (runs.length === 0) return <Empty>No runs yet.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Runs of this site, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col">Trigger</th>
            <th scope="col" className="num">
              Credits
            </th>
            <th scope="col">Finished</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/automation/runs/${encodeURIComponent(r.id)}`}>
                  {dateTime(r.startedAt ?? r.createdAt)}
                </Link>
              </td>
              <td>
                <Badge status={r.status} />
              </td>
              <td>{r.trigger}</td>
              <td className="num">{num(r.creditsUsed)}</td>
              <td>{dateTime(r.finishedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
