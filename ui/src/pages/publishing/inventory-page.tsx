import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { paths } from '../../api/endpoints';
import { apiQuery } from '../../api/queries';
import type { InventoryItem, Page } from '../../api/types';
import { useSite } from '../../app/site-context';
import { AsyncView, Empty } from '../../components/feedback';
import { PageHeader, Tabs } from '../../components/page';
import { Pager } from '../../components/pager';
import { dateTime, num } from '../../util/format';
import { useDebounced } from '../../util/use-debounced';
import { PUBLISHING_TABS } from './publishing-tabs';

const PAGE = 50;

function Terms({ item }: { item: InventoryItem }) {
  const terms = [...item.categories, ...item.tags.map((t) => `#${t}`)];
  return terms.length ? <>{terms.join(', ')}</> : <span className="muted">—</span>;
}

/** The site's existing WordPress posts and pages (`igny8 wp import-posts`), searchable by title. */
function InventoryTable({ siteId }: { siteId: string }) {
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const q = useDebounced(search).trim();
  useEffect(() => setOffset(0), [q, siteId]);
  const list = useQuery({
    ...apiQuery<Page<InventoryItem>>(paths.siteInventory(siteId), {
      ...(q ? { search: q } : {}),
      limit: PAGE,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <form
        className="filters"
        role="search"
        aria-label="Search the inventory"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          Search titles
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="espresso"
          />
        </label>
      </form>
      <AsyncView state={list} what="The site inventory">
        {(page) =>
          page.count === 0 ? (
            q ? (
              <Empty>No post or page title contains “{q}”.</Empty>
            ) : (
              <Empty>
                No posts or pages imported yet. Import the site’s existing content with{' '}
                <code>igny8 wp import-posts</code>; internal links and cannibalization checks then use it.
              </Empty>
            )
          ) : (
            <>
              <div className="table-wrap">
                <table className="inventory">
                  <caption className="sr-only">Posts and pages ({num(page.count)})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Title</th>
                      <th scope="col">Type</th>
                      <th scope="col">Slug</th>
                      <th scope="col">Focus keyword</th>
                      <th scope="col">Categories / tags</th>
                      <th scope="col">Modified</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.results.map((p) => (
                      <tr key={p.id}>
                        <td>
                          <a href={p.url} target="_blank" rel="noopener noreferrer">
                            {p.title || p.slug}
                          </a>
                        </td>
                        <td>{p.kind}</td>
                        <td>{p.slug}</td>
                        <td>{p.focusKeyword ?? <span className="muted">—</span>}</td>
                        <td>
                          <Terms item={p} />
                        </td>
                        <td>{dateTime(p.modifiedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                count={page.count}
                offset={offset}
                limit={PAGE}
                onChange={setOffset}
                label="Inventory pages"
              />
            </>
          )
        }
      </AsyncView>
    </div>
  );
}

export function InventoryPage() {
  const { siteId, site } = useSite();
  return (
    <div>
      <PageHeader title="Site inventory">
        {site
          ? `The existing posts and pages of ${site.name}, as last imported from WordPress.`
          : 'Add a site first.'}
      </PageHeader>
      <Tabs label="Publishing views" tabs={PUBLISHING_TABS} />
      {siteId ? <InventoryTable siteId={siteId} /> : null}
    </div>
  );
}
