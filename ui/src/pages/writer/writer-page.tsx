import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../api/endpoints';
import { apiQuery } from '../../api/queries';
import type { Content, Page, Task } from '../../api/types';
import { useSite } from '../../app/site-context';
import { Badge } from '../../components/badge';
import { AsyncView, Empty } from '../../components/feedback';
import { PageHeader, Tabs } from '../../components/page';
import { Pager } from '../../components/pager';
import { dateTime, num } from '../../util/format';
import { useDebounced } from '../../util/use-debounced';
import { SelectFilter } from '../../components/select-filter';
import { WRITER_TABS } from '../kb/kb-page';

const TABS = WRITER_TABS;

function ContentList({ siteId }: { siteId: string }) {
  const [params] = useSearchParams();
  const [status, setStatus] = useState(params.get('status') ?? '');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const q = useDebounced(search);
  const list = useQuery({
    ...apiQuery<Page<Content>>(paths.contents, { siteId, status, search: q, limit: 25, offset }),
    placeholderData: keepPreviousData,
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
        <SelectFilter
          label="Status"
          value={status}
          onChange={(v) => {
            setStatus(v);
            setOffset(0);
          }}
          options={[
            ['draft', 'Draft'],
            ['review', 'Review'],
            ['approved', 'Approved'],
            ['rejected', 'Rejected'],
          ]}
        />
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

/** Writing tasks (one per idea), with the article each produced and why a failed one failed. */
function TaskList({ siteId }: { siteId: string }) {
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...apiQuery<Page<Task>>(paths.tasks, { siteId, status, limit: 50, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <form className="filters" aria-label="Filter tasks" onSubmit={(e) => e.preventDefault()}>
        <SelectFilter
          label="Status"
          value={status}
          onChange={(v) => {
            setStatus(v);
            setOffset(0);
          }}
          options={[
            ['queued', 'Queued'],
            ['running', 'Running'],
            ['done', 'Done'],
            ['failed', 'Failed'],
          ]}
        />
      </form>
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
                      <th scope="col">Article</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.results.map((t) => (
                      <tr key={t.id}>
                        <td className="wide-cell">
                          <Link to={`/planner/ideas?idea=${encodeURIComponent(t.ideaId)}`}>
                            {t.title ?? t.ideaId}
                          </Link>
                          <div className="muted small">
                            queued {dateTime(t.createdAt)}
                            {t.hasPromptOverride ? ' · own prompt' : ''} ·{' '}
                            <Link
                              to={`/writer/tasks/${encodeURIComponent(t.id)}`}
                              aria-label={`Prompt of ${t.title ?? 'this task'}`}
                            >
                              Prompt
                            </Link>
                          </div>
                          {t.error ? <div className="field-error small">{t.error}</div> : null}
                        </td>
                        <td>
                          <Badge status={t.status} />
                        </td>
                        <td className="num">{t.attempts}</td>
                        <td>
                          {t.contentId ? (
                            <Link
                              to={`/writer/content/${encodeURIComponent(t.contentId)}`}
                              aria-label={`Open the article of ${t.title ?? 'this task'}`}
                            >
                              Open
                            </Link>
                          ) : (
                            '—'
                          )}
                        </td>
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
    </div>
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
