import { useState } from 'react';
import { paths } from '../../api/endpoints';
import type { Content, Page, Task } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useSite } from '../../app/site-context';
import { Badge } from '../../components/badge';
import { AsyncView, Empty } from '../../components/feedback';
import { PageHeader, Tabs } from '../../components/page';
import { Pager } from '../../components/pager';
import { Link, useLocation } from '../../router/router';
import { dateTime, num } from '../../util/format';
import { useDebounced } from '../../util/use-debounced';

const TABS = [
  { to: '/writer', label: 'Articles' },
  { to: '/writer/tasks', label: 'Tasks' },
];

function ContentList({ siteId }: { siteId: string }) {
  const { search: params } = useLocation();
  const [status, setStatus] = useState(params.get('status') ?? '');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const q = useDebounced(search);
  const list = useApi<Page<Content>>(paths.contents, {
    query: { siteId, status, search: q, limit: 25, offset },
  });
  return (
    <div>
      <form
        className="filters"
        role="search"
        aria-label="Filter articles"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          Search
          <input
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          Status
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">Any</option>
            <option value="draft">Draft</option>
            <option value="review">Review</option>
            <option value="approved">Approved</option>
            <option value="rejected">Rejected</option>
          </select>
        </label>
      </form>
      <AsyncView state={list} what="The article list">
        {(page) =>
          page.count === 0 ? (
            <Empty>No articles yet: stage 4 of a run writes them.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">Articles ({num(page.count)})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Title</th>
                      <th scope="col">Focus keyword</th>
                      <th scope="col" className="num">
                        Words
                      </th>
                      <th scope="col" className="num">
                        SEO
                      </th>
                      <th scope="col">Status</th>
                      <th scope="col">Updated</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.results.map((c) => (
                      <tr key={c.id}>
                        <td>
                          <Link to={`/writer/content/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                        </td>
                        <td>{c.focusKeyword ?? '—'}</td>
                        <td className="num">{num(c.wordCount)}</td>
                        <td className="num">{c.seoScore ?? '—'}</td>
                        <td>
                          <Badge status={c.status} />
                        </td>
                        <td>{dateTime(c.updatedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                count={page.count}
                offset={offset}
                limit={25}
                onChange={setOffset}
                label="Article pages"
              />
            </>
          )
        }
      </AsyncView>
    </div>
  );
}

function TaskList({ siteId }: { siteId: string }) {
  const [offset, setOffset] = useState(0);
  const list = useApi<Page<Task>>(paths.tasks, { query: { siteId, limit: 50, offset } });
  return (
    <AsyncView state={list} what="Tasks">
      {(page) =>
        page.count === 0 ? (
          <Empty>No writing tasks: stage 3 of a run queues one per idea.</Empty>
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Writing tasks ({num(page.count)})</caption>
                <thead>
                  <tr>
                    <th scope="col">Task</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Attempts
                    </th>
                    <th scope="col">Error</th>
                    <th scope="col">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {page.results.map((t) => (
                    <tr key={t.id}>
                      <td>{t.title ?? t.ideaId}</td>
                      <td>
                        <Badge status={t.status} />
                      </td>
                      <td className="num">{t.attempts}</td>
                      <td className="small">{t.error ?? ''}</td>
                      <td>{dateTime(t.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager count={page.count} offset={offset} limit={50} onChange={setOffset} label="Task pages" />
          </>
        )
      }
    </AsyncView>
  );
}

export function WriterPage({ view }: { view: 'articles' | 'tasks' }) {
  const { siteId, site } = useSite();
  return (
    <div>
      <PageHeader title="Writer">
        {site ? `Articles of ${site.name}: review, edit, approve` : 'Add a site first.'}
      </PageHeader>
      <Tabs label="Writer views" tabs={TABS} />
      {siteId ? view === 'tasks' ? <TaskList siteId={siteId} /> : <ContentList siteId={siteId} /> : null}
    </div>
  );
}
