import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiQuery } from '../../api/queries';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { AsyncView } from '../../components/feedback';
import { PageHeader } from '../../components/page';
import { dateTime, num } from '../../util/format';
import { GscActions } from './gsc-actions';
import { gscPath, type GscStatus } from './gsc-paths';
import { GscSeriesCard } from './gsc-series-card';
import { GscTopTable } from './gsc-top-table';

/** The site's Search Console data: top pages and queries, a chart per page and per query, imports and pulls. */
export function SearchConsolePage() {
  const { siteId, site } = useSite();
  const editor = useCan('editor');
  const [chart, setChart] = useState<{ page?: string; query?: string } | null>(null);
  const status = useQuery({ ...apiQuery<GscStatus>(gscPath(siteId ?? '')), enabled: Boolean(siteId) });
  return (
    <div>
      <PageHeader title="Search Console">
        {site
          ? `Clicks, impressions and positions of ${site.name} in Google search.`
          : 'Choose a site first.'}
      </PageHeader>
      {siteId ? (
        <>
          <AsyncView state={status} what="Search Console status">
            {(s) => (
              <p className="muted" role="status" style={{ overflowWrap: 'anywhere' }}>
                {s.connection
                  ? `Connected to ${s.connection.property}. `
                  : 'No Search Console connection (igny8 gsc connect). '}
                {s.held.rows
                  ? `${num(s.held.rows)} rows held, ${s.held.from} … ${s.held.to}.`
                  : 'No data held yet.'}
                {s.syncs[0]
                  ? ` Last ${s.syncs[0].source === 'api' ? 'pull' : 'import'}: ${dateTime(s.syncs[0].createdAt)}.`
                  : ''}
              </p>
            )}
          </AsyncView>
          {editor ? <GscActions siteId={siteId} connected={Boolean(status.data?.connection)} /> : null}
          {chart ? <GscSeriesCard siteId={siteId} {...chart} /> : null}
          <div className="grid two">
            <GscTopTable
              siteId={siteId}
              dim="pages"
              selected={chart?.page ?? null}
              onSelect={(page) => setChart({ page })}
            />
            <GscTopTable
              siteId={siteId}
              dim="queries"
              selected={chart?.query ?? null}
              onSelect={(query) => setChart({ query })}
            />
          </div>
        </>
      ) : null}
    </div>
  );
}
