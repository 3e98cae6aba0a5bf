import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Cluster, ClusterRunReport, Idea, Keyword, Page, Sector } from '../../api/types';
import { useCan } from '../../app/use-session';
import { Badge } from '../../components/badge';
import { AsyncView, Empty, ErrorNotice } from '../../components/feedback';
import { Pager } from '../../components/pager';
import { toast } from '../../components/toast';
import { num } from '../../util/format';

function ClusterDetail({ siteId, cluster }: { siteId: string; cluster: Cluster }) {
  const navigate = useNavigate();
  const keywords = useQuery(
    apiQuery<Page<Keyword>>(paths.keywords, { siteId, clusterId: cluster.id, limit: 100, sort: '-volume' }),
  );
  const ideas = useQuery(apiQuery<Page<Idea>>(paths.ideas, { siteId, clusterId: cluster.id, limit: 50 }));
  return (
    <section className="card" aria-label={`Cluster ${cluster.name}`}>
      <div className="card-head">
        <h2>{cluster.name}</h2>
        <button type="button" className="link-button" onClick={() => void navigate('/planner/clusters')}>
          Close
        </button>
      </div>
      {cluster.description ? <p>{cluster.description}</p> : null}
      <h3>Keywords</h3>
      <AsyncView state={keywords} what="Keywords">
        {(p) => (
          <ul className="tags">
            {p.results.map((k) => (
              <li key={k.id}>
                {k.keyword} <span className="muted small">{num(k.volume)}</span>
              </li>
            ))}
          </ul>
        )}
      </AsyncView>
      <h3>Ideas</h3>
      <AsyncView state={ideas} what="Ideas">
        {(p) =>
          p.results.length === 0 ? (
            <p className="muted">No ideas yet: stage 2 of a run writes them.</p>
          ) : (
            <ul>
              {p.results.map((i) => (
                <li key={i.id}>
                  <Link to={`/planner/ideas?idea=${encodeURIComponent(i.id)}`}>{i.title}</Link>
                </li>
              ))}
            </ul>
          )
        }
      </AsyncView>
    </section>
  );
}

/** Group a sector's new keywords now, locally (deterministic, no credits). */
function ClusterNow({ siteId }: { siteId: string }) {
  const sectors = useQuery(apiQuery<Page<Sector>>(paths.sectors(siteId)));
  const invalidate = useInvalidate();
  const [sectorId, setSectorId] = useState('');
  const chosen = sectorId || sectors.data?.results[0]?.id || '';
  const run = useMutation({
    mutationFn: () =>
      api<ClusterRunReport>(paths.clusterLocal, { method: 'POST', body: { siteId, sectorId: chosen } }),
    onSuccess: (r) => {
      toast(`${r.clusters.length} clusters from ${r.clustered} keywords (${r.unclustered} left over)`);
      return invalidate(paths.clusters, paths.keywords);
    },
  });
  if (!sectors.data || sectors.data.results.length === 0) return null;
  return (
    <div className="row cluster-now">
      <label>
        <span className="sr-only">Sector to cluster</span>
        <select value={chosen} onChange={(e) => setSectorId(e.target.value)}>
          {sectors.data.results.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => run.mutate()} disabled={run.isPending || !chosen}>
        {run.isPending ? 'Clustering…' : 'Cluster new keywords (local, free)'}
      </button>
      <ErrorNotice error={run.error} />
    </div>
  );
}

/** Clusters with their keyword counts and volume; one opens with its keywords and ideas. */
export function ClustersView({ siteId }: { siteId: string }) {
  const canEdit = useCan('editor');
  const [search] = useSearchParams();
  const [offset, setOffset] = useState(0);
  // A search hit opens its cluster with ?cluster=id&q=name: the name narrows the list to it.
  const list = useQuery({
    ...apiQuery<Page<Cluster>>(paths.clusters, { siteId, search: search.get('q'), limit: 50, offset }),
    placeholderData: keepPreviousData,
  });
  const openId = search.get('cluster');
  const shown = list.data?.results.find((c) => c.id === openId);
  return (
    <div>
      {canEdit ? <ClusterNow siteId={siteId} /> : null}
      <div className={shown ? 'grid two' : ''}>
        <AsyncView state={list} what="Clusters">
          {(page) =>
            page.count === 0 ? (
              <Empty>No clusters yet: run stage 1 (Automation) to group the keywords.</Empty>
            ) : (
              <div>
                <div className="table-wrap">
                  <table>
                    <caption className="sr-only">Clusters ({num(page.count)})</caption>
                    <thead>
                      <tr>
                        <th scope="col">Cluster</th>
                        <th scope="col">Primary keyword</th>
                        <th scope="col" className="num">
                          Keywords
                        </th>
                        <th scope="col" className="num">
                          Volume
                        </th>
                        <th scope="col">Status</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.results.map((c) => (
                        <tr key={c.id} className={c.id === openId ? 'selected' : ''}>
                          <td>
                            <Link to={`/planner/clusters?cluster=${encodeURIComponent(c.id)}`}>{c.name}</Link>
                          </td>
                          <td>{c.primaryKeyword ?? '—'}</td>
                          <td className="num">{num(c.keywordCount)}</td>
                          <td className="num">{num(c.volumeSum)}</td>
                          <td>
                            <Badge status={c.status} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager
                  count={page.count}
                  offset={offset}
                  limit={50}
                  onChange={setOffset}
                  label="Cluster pages"
                />
              </div>
            )
          }
        </AsyncView>
        {shown ? <ClusterDetail siteId={siteId} cluster={shown} /> : null}
      </div>
    </div>
  );
}
