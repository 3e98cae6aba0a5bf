import { useQuery } from '@tanstack/react-query';
import { apiQuery } from '../../api/queries';
import { paths } from '../../api/endpoints';
import type { RunCost } from '../../api/types';
import { ErrorNotice, Loading } from '../../components/feedback';
import { num, usd } from '../../util/format';

const pct = (n: number) => `${Math.round(n * 100)}%`;

/** What a run cost, from the usage log: USD and credits per article by stage, and what caching and batching saved. */
export function RunCostTable({ runId }: { runId: string }) {
  // The run page remounts this as the run spends and ends: always read the usage log again then.
  const q = useQuery({ ...apiQuery<RunCost>(paths.runCost(runId)), refetchOnMount: 'always' });
  if (q.error) return <ErrorNotice error={q.error} />;
  if (!q.data) return <Loading label="Loading cost…" />;
  const cost = q.data;
  if (cost.stages.length === 0) return <p className="muted">No AI calls recorded for this run.</p>;
  return (
    <div className="table-wrap" data-testid="run-cost">
      <table>
        <caption>
          {num(cost.articles)} article{cost.articles === 1 ? '' : 's'} · per article{' '}
          {usd(cost.total.usdPerArticle)}, {num(cost.total.creditsPerArticle)} credits · prompt cache read{' '}
          {pct(cost.total.cacheReadShare)} of input, saved {usd(cost.total.usdCacheSaved)} · batch API saved{' '}
          {usd(cost.total.usdBatchSaved)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col" className="num">
              AI calls
            </th>
            <th scope="col" className="num">
              Credits
            </th>
            <th scope="col" className="num">
              USD
            </th>
            <th scope="col" className="num">
              USD / article
            </th>
            <th scope="col" className="num">
              Credits / article
            </th>
            <th scope="col" className="num">
              Cache read
            </th>
            <th scope="col" className="num">
              Cache saved
            </th>
            <th scope="col" className="num">
              Batch saved
            </th>
          </tr>
        </thead>
        <tbody>
          {cost.stages.map((s) => (
            <tr key={s.key}>
              <th scope="row">
                {s.stage}. {s.label}
              </th>
              <td className="num">{num(s.calls)}</td>
              <td className="num">{num(s.credits)}</td>
              <td className="num">{usd(s.usd)}</td>
              <td className="num">{usd(s.usdPerArticle)}</td>
              <td className="num">{num(s.creditsPerArticle)}</td>
              <td className="num">{s.tokensIn > 0 ? pct(s.tokensCached / s.tokensIn) : '—'}</td>
              <td className="num">{usd(s.usdCacheSaved)}</td>
              <td className="num">{usd(s.usdBatchSaved)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">{num(cost.total.calls)}</td>
            <td className="num">{num(cost.total.credits)}</td>
            <td className="num">{usd(cost.total.usd)}</td>
            <td className="num">{usd(cost.total.usdPerArticle)}</td>
            <td className="num">{num(cost.total.creditsPerArticle)}</td>
            <td className="num">{pct(cost.total.cacheReadShare)}</td>
            <td className="num">{usd(cost.total.usdCacheSaved)}</td>
            <td className="num">{usd(cost.total.usdBatchSaved)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
