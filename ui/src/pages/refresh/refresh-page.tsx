import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { RefreshSchema } from '../../../../src/api-contract/index.js';
import { route } from '../../api/endpoints';
import { apiQuery } from '../../api/queries';
import type { Page } from '../../api/types';
import { useSite } from '../../app/site-context';
import { AsyncView, Empty } from '../../components/feedback';
import { Card, PageHeader } from '../../components/page';
import { dateTime } from '../../util/format';
import { RefreshResults } from './refresh-results';
import { RefreshReview } from './refresh-review';

type Refresh = z.infer<typeof RefreshSchema>;

function RefreshList({
  siteId,
  selected,
  onSelect,
}: {
  siteId: string;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const list = useQuery({
    ...apiQuery<Page<Refresh>>(route('/sites/{siteId}/refresh', { siteId }), { limit: 50 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title="Refreshes">
      <AsyncView state={list} what="Refreshes">
        {(page) =>
          page.count === 0 ? (
            <Empty>
              No refreshes yet. Refresh an existing post with{' '}
              <code>igny8 refresh run URL --queries "a,b"</code>: it is rewritten into a draft that waits here
              for review.
            </Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Refreshes</caption>
                <thead>
                  <tr>
                    <th scope="col">Post</th>
                    <th scope="col">Status</th>
                    <th scope="col">Queries</th>
                    <th scope="col">Updated</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.results.map((r) => (
                    <tr key={r.id} aria-selected={r.id === selected}>
                      <td>{r.title ?? r.post.url}</td>
                      <td>{r.status}</td>
                      <td>{r.queries.join(', ') || <span className="muted">—</span>}</td>
                      <td>{dateTime(r.updatedAt)}</td>
                      <td>
                        <button type="button" onClick={() => onSelect(r.id)}>
                          Review
                        </button>
                      </td>
                    </tr>
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

/** Refreshes of the site's existing posts: review each draft's diff, approve, publish in place; results. */
export function RefreshPage() {
  const { siteId, site } = useSite();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div>
      <PageHeader title="Refresh" actions={<Link to="/refresh/candidates">Candidates</Link>}>
        {site
          ? `Existing posts of ${site.name} rewritten in place: review the diff against the live version, approve, publish.`
          : 'Choose a site.'}
      </PageHeader>
      {siteId ? (
        <>
          <RefreshList siteId={siteId} selected={selected} onSelect={setSelected} />
          {selected ? <RefreshReview id={selected} siteId={siteId} /> : null}
          <RefreshResults siteId={siteId} />
        </>
      ) : null}
    </div>
  );
}
