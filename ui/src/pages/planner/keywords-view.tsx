import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Keyword, Page } from '../../api/types';
import { useCan } from '../../app/use-session';
import { Badge } from '../../components/badge';
import { AsyncView, Empty, ErrorNotice } from '../../components/feedback';
import { Pager } from '../../components/pager';
import { toast } from '../../components/toast';
import { num } from '../../util/format';
import { useDebounced } from '../../util/use-debounced';

type SortKey = 'keyword' | 'volume' | 'difficulty' | 'created';
type BulkAction = 'exclude' | 'restore' | 'delete';
const PAGE = 50;

function SortHeader({
  label,
  k,
  sort,
  onSort,
  numeric,
}: {
  label: string;
  k: SortKey;
  sort: string;
  onSort: (s: string) => void;
  numeric?: boolean;
}) {
  const dir = sort === k ? 'ascending' : sort === `-${k}` ? 'descending' : 'none';
  return (
    <th scope="col" aria-sort={dir} className={numeric ? 'num' : ''}>
      <button type="button" className="sort" onClick={() => onSort(sort === `-${k}` ? k : `-${k}`)}>
        {label} <span aria-hidden="true">{dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'}</span>
      </button>
    </th>
  );
}

/** Keyword table: filters, sortable columns, pages, and bulk exclude/restore/delete. */
export function KeywordsView({ siteId }: { siteId: string }) {
  const [params] = useSearchParams();
  const [search, setSearch] = useState(params.get('search') ?? '');
  const [status, setStatus] = useState('');
  const [minVolume, setMinVolume] = useState('');
  const [maxDifficulty, setMaxDifficulty] = useState('');
  const [sort, setSort] = useState('-volume');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const canEdit = useCan('editor');

  const searchParam = params.get('search');
  useEffect(() => {
    setSearch(searchParam ?? '');
  }, [searchParam]);
  useEffect(() => {
    setOffset(0);
    setSelected(new Set());
  }, [search, status, minVolume, maxDifficulty, sort, siteId]);

  const q = {
    search: useDebounced(search),
    minVolume: useDebounced(minVolume),
    maxDifficulty: useDebounced(maxDifficulty),
  };
  const list = useQuery({
    ...apiQuery<Page<Keyword>>(paths.keywords, { ...q, siteId, status, sort, limit: PAGE, offset }),
    placeholderData: keepPreviousData,
  });
  const invalidate = useInvalidate();
  const bulk = useMutation({
    mutationFn: ({ action, ids }: { action: BulkAction; ids: string[] }) =>
      api<{ affected: number; ids: string[] }>(paths.keywordBulk(action), { method: 'POST', body: { ids } }),
    onSuccess: (r, { action }) => {
      toast(`${r.affected} keywords ${action === 'restore' ? 'restored' : `${action}d`}`);
      setSelected(new Set());
      return invalidate(paths.keywords);
    },
  });
  const doBulk = (action: BulkAction) => {
    const ids = [...selected];
    if (action === 'delete' && !window.confirm(`Delete ${ids.length} keywords?`)) return;
    bulk.mutate({ action, ids });
  };
  const rows = list.data?.results ?? [];
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  return (
    <div>
      <form
        className="filters"
        role="search"
        aria-label="Filter keywords"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          Search
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="espresso"
          />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            <option value="new">New</option>
            <option value="clustered">Clustered</option>
            <option value="excluded">Excluded</option>
          </select>
        </label>
        <label>
          Min volume
          <input
            type="number"
            min={0}
            inputMode="numeric"
            value={minVolume}
            onChange={(e) => setMinVolume(e.target.value)}
          />
        </label>
        <label>
          Max difficulty
          <input
            type="number"
            min={0}
            max={100}
            inputMode="numeric"
            value={maxDifficulty}
            onChange={(e) => setMaxDifficulty(e.target.value)}
          />
        </label>
      </form>
      {canEdit ? (
        <div className="bulk" role="toolbar" aria-label="Bulk actions">
          <span className="muted small">{selected.size} selected</span>
          <button type="button" disabled={!selected.size || bulk.isPending} onClick={() => doBulk('exclude')}>
            Exclude
          </button>
          <button type="button" disabled={!selected.size || bulk.isPending} onClick={() => doBulk('restore')}>
            Restore
          </button>
          <button
            type="button"
            className="danger"
            disabled={!selected.size || bulk.isPending}
            onClick={() => doBulk('delete')}
          >
            Delete
          </button>
        </div>
      ) : null}
      <ErrorNotice error={bulk.error} />
      <AsyncView state={list} what="The keyword list">
        {(page) =>
          page.count === 0 ? (
            <Empty>No keywords match. Import some from the Import tab.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="keywords">
                  <caption className="sr-only">Keywords ({num(page.count)})</caption>
                  <thead>
                    <tr>
                      {canEdit ? (
                        <th scope="col" className="check-col">
                          <input
                            type="checkbox"
                            aria-label="Select all keywords on this page"
                            checked={allOnPage}
                            onChange={() =>
                              setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))
                            }
                          />
                        </th>
                      ) : null}
                      <SortHeader label="Keyword" k="keyword" sort={sort} onSort={setSort} />
                      <SortHeader label="Volume" k="volume" sort={sort} onSort={setSort} numeric />
                      <SortHeader label="Difficulty" k="difficulty" sort={sort} onSort={setSort} numeric />
                      <th scope="col" className="num">
                        CPC
                      </th>
                      <th scope="col">Intent</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.results.map((k) => (
                      <tr key={k.id} className={selected.has(k.id) ? 'selected' : ''}>
                        {canEdit ? (
                          <td className="check-col">
                            <input
                              type="checkbox"
                              aria-label={`Select ${k.keyword}`}
                              checked={selected.has(k.id)}
                              onChange={() => toggle(k.id)}
                            />
                          </td>
                        ) : null}
                        <td>{k.keyword}</td>
                        <td className="num">{num(k.volume)}</td>
                        <td className="num">{num(k.difficulty)}</td>
                        <td className="num">{k.cpc ?? '—'}</td>
                        <td>{k.intent ?? '—'}</td>
                        <td>
                          <Badge status={k.status} />
                        </td>
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
                label="Keyword pages"
              />
            </>
          )
        }
      </AsyncView>
    </div>
  );
}
