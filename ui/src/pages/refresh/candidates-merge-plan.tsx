import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../api/endpoints';
import { apiQuery } from '../../api/queries';
import type { MergePlan } from '../../api/types';
import { useSite } from '../../app/site-context';
import { AsyncView, Empty } from '../../components/feedback';
import { Card, PageHeader } from '../../components/page';
import { num } from '../../util/format';

function PlanView({ plan }: { plan: MergePlan }) {
  return (
    <>
      <Card title="Keep">
        <p className="candidate-reason">{plan.why}</p>
        <p className="muted">{plan.note}</p>
      </Card>
      {plan.pages.length > 0 ? (
        <Card title="Competing pages">
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Page</th>
                  <th scope="col" className="num">
                    Clicks
                  </th>
                  <th scope="col" className="num">
                    Impressions
                  </th>
                  <th scope="col" className="num">
                    Position
                  </th>
                  <th scope="col" className="num">
                    Links in
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.pages.map((p) => (
                  <tr key={p.url}>
                    <td className="wrap-anywhere">
                      <a href={p.url} target="_blank" rel="noopener noreferrer">
                        {p.title ?? p.url}
                      </a>
                      {p.url === plan.keep?.url ? ' (keep)' : ''}
                    </td>
                    <td className="num">{num(p.clicks)}</td>
                    <td className="num">{num(p.impressions)}</td>
                    <td className="num">{p.position.toFixed(1)}</td>
                    <td className="num">{p.inboundLinks}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
      {plan.redirects.length > 0 ? (
        <Card title="Redirects (301)">
          <ul className="redirects" aria-label="Redirects">
            {plan.redirects.map((r) => (
              <li key={r.fromUrl} className="wrap-anywhere">
                <code>{r.from}</code> → <code>{r.to}</code>
              </li>
            ))}
          </ul>
          <p className="muted">
            As a file for the Redirection plugin or nginx:{' '}
            <code>igny8 refresh merge-plan --query … --format csv|nginx</code>.
          </p>
        </Card>
      ) : null}
    </>
  );
}

/** A merge plan for one cannibalized query (GET /sites/:siteId/refresh/merge-plan?query=). */
export function RefreshMergePlanPage() {
  const { siteId } = useSite();
  const [params, setParams] = useSearchParams();
  const query = params.get('query') ?? '';
  const [draft, setDraft] = useState(query);
  const plan = useQuery({
    ...apiQuery<MergePlan>(paths.refreshMergePlan(siteId ?? ''), { query }),
    enabled: Boolean(siteId && query),
  });
  return (
    <div>
      <PageHeader title="Merge plan">
        Which competing page to keep and the redirects from the others. Nothing is changed on the site.{' '}
        <Link to="/refresh/candidates">Back to candidates</Link>
      </PageHeader>
      <form
        className="filters"
        role="search"
        aria-label="Query to plan a merge for"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(draft.trim() ? { query: draft.trim() } : {});
        }}
      >
        <label>
          Query
          <input
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="coffee grinder"
          />
        </label>
        <button type="submit">Plan</button>
      </form>
      {query ? (
        <AsyncView state={plan} what="Merge plans">
          {(p) => <PlanView plan={p} />}
        </AsyncView>
      ) : (
        <Empty>Pick a cannibalization candidate, or type the query its pages compete for.</Empty>
      )}
    </div>
  );
}
