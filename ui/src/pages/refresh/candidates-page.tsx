import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { paths } from '../../api/endpoints';
import { apiQuery } from '../../api/queries';
import type { RefreshCandidate, RefreshCandidates } from '../../api/types';
import { useSite } from '../../app/site-context';
import { AsyncView, Empty } from '../../components/feedback';
import { PageHeader } from '../../components/page';
import { SelectFilter } from '../../components/select-filter';
import { num } from '../../util/format';

const KIND_LABELS = [
  ['decay', 'Decay'],
  ['striking', 'Striking distance'],
  ['cannibal', 'Cannibalization'],
  ['orphan', 'Orphan'],
] as const;
const label = (kind: string) => KIND_LABELS.find(([k]) => k === kind)?.[1] ?? kind;
const WINDOWS = [7, 14, 28, 56, 90];

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function CandidateItem({ c, rank }: { c: RefreshCandidate; rank: number }) {
  return (
    <li className="candidate">
      <div className="candidate-head">
        <span className="candidate-rank">{rank}</span>
        <span className={`candidate-kind kind-${c.kind}`}>{label(c.kind)}</span>
        <a href={c.page.url} target="_blank" rel="noopener noreferrer" className="candidate-page">
          {c.page.title ?? pathOf(c.page.url)}
        </a>
        <span
          className="muted num"
          title="Estimated clicks per window at stake (orphans: 1 + 10% of their clicks)"
        >
          score {num(c.score)}
        </span>
      </div>
      <p className="candidate-reason">{c.reason}</p>
      {c.kind === 'cannibal' && c.queries[0] ? (
        <Link to={`/refresh/merge-plan?query=${encodeURIComponent(c.queries[0])}`}>
          Merge plan for “{c.queries[0]}”
        </Link>
      ) : null}
    </li>
  );
}

/** The site's refresh candidates, ranked, each with its reason (GET /sites/:siteId/refresh/candidates). */
function CandidateList({ siteId }: { siteId: string }) {
  const [kind, setKind] = useState('');
  const [windowDays, setWindowDays] = useState('28');
  const list = useQuery({
    ...apiQuery<RefreshCandidates>(paths.refreshCandidates(siteId), {
      ...(kind ? { kind } : {}),
      window: windowDays,
      limit: 100,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <form className="filters" aria-label="Filter candidates" onSubmit={(e) => e.preventDefault()}>
        <SelectFilter label="Kind" value={kind} onChange={setKind} options={KIND_LABELS} />
        <label>
          Window (days)
          <select value={windowDays} onChange={(e) => setWindowDays(e.target.value)}>
            {WINDOWS.map((w) => (
              <option key={w} value={String(w)}>
                {w}
              </option>
            ))}
          </select>
        </label>
      </form>
      <AsyncView state={list} what="Refresh candidates">
        {(r) => (
          <>
            <p className="muted">
              {r.window
                ? `Last ${r.window.days} days with data (${r.window.from} – ${r.window.to}) against ${r.window.previousFrom} – ${r.window.previousTo}. `
                : ''}
              {r.candidates.length} of {num(r.total)} candidates
              {Object.keys(r.counts).length > 1
                ? ` (${Object.entries(r.counts)
                    .map(([k, n]) => `${label(k).toLowerCase()} ${n}`)
                    .join(', ')})`
                : ''}
              .
            </p>
            {r.candidates.length === 0 ? (
              <Empty>{r.hint ?? 'No candidates.'}</Empty>
            ) : (
              <ol className="candidates" aria-label="Refresh candidates">
                {r.candidates.map((c, i) => (
                  <CandidateItem key={`${c.kind}:${c.page.url}:${c.queries[0] ?? ''}`} c={c} rank={i + 1} />
                ))}
              </ol>
            )}
          </>
        )}
      </AsyncView>
    </div>
  );
}

export function RefreshCandidatesPage() {
  const { siteId, site } = useSite();
  return (
    <div>
      <PageHeader title="Refresh candidates" actions={<Link to="/refresh">Refreshes</Link>}>
        {site
          ? `Pages of ${site.name} worth refreshing, ranked by the clicks at stake, from its Search Console data, inventory and internal links.`
          : 'Add a site first.'}
      </PageHeader>
      {siteId ? <CandidateList siteId={siteId} /> : null}
    </div>
  );
}
