import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiQuery } from '../../api/queries';
import type { Page } from '../../api/types';
import { AsyncView, Empty } from '../../components/feedback';
import { Card } from '../../components/page';
import { Pager } from '../../components/pager';
import { num } from '../../util/format';
import { gscPath, position, type GscTopItem } from './gsc-paths';

const PAGE = 10;

/** Top pages or queries over the default window (the last 28 days held); a row opens its charts. */
export function GscTopTable({
  siteId,
  dim,
  selected,
  onSelect,
}: {
  siteId: string;
  dim: 'pages' | 'queries';
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...apiQuery<Page<GscTopItem>>(gscPath(siteId, `/${dim}`), { limit: PAGE, offset }),
    placeholderData: keepPreviousData,
  });
  const title = dim === 'pages' ? 'Top pages' : 'Top queries';
  return (
    <Card title={title}>
      <AsyncView state={list} what={title}>
        {(page) =>
          page.count === 0 ? (
            <Empty>No Search Console data yet: import an export or pull from the API.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">
                    {title} ({num(page.count)}), last 28 days held
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{dim === 'pages' ? 'Page' : 'Query'}</th>
                      <th scope="col">Clicks</th>
                      <th scope="col">Impr.</th>
                      <th scope="col">Pos.</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.results.map((i) => (
                      <tr key={i.key} aria-selected={selected === i.key}>
                        <td style={{ overflowWrap: 'anywhere' }}>
                          <button
                            type="button"
                            className="link-button"
                            style={{ textAlign: 'left' }}
                            onClick={() => onSelect(i.key)}
                            aria-label={`Chart ${i.key}`}
                          >
                            {dim === 'pages' ? i.key.replace(/^https?:\/\/[^/]+/, '') || '/' : i.key}
                          </button>
                        </td>
                        <td>{num(i.clicks)}</td>
                        <td>{num(i.impressions)}</td>
                        <td>{position(i.position)}</td>
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
                label={`${title} pages`}
              />
            </>
          )
        }
      </AsyncView>
    </Card>
  );
}
