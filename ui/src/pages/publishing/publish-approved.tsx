import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Content, Destination, Page, PublishResult } from '../../api/types';
import { ErrorNotice } from '../../components/feedback';
import { SelectField } from '../../components/field';

/**
 * "Publish approved": pick the destination, confirm with the number of articles, and keep the
 * outcome of each on screen (not a toast that vanishes) until closed.
 */
export function PublishApproved({ siteId, onClose }: { siteId: string; onClose: () => void }) {
  const destinations = useQuery(apiQuery<Page<Destination>>(paths.destinations, { siteId }));
  const approved = useQuery(
    apiQuery<Page<Content>>(paths.contents, { siteId, status: 'approved', limit: 1 }),
  );
  const list: Destination[] = destinations.data?.results ?? [];
  const [destination, setDestination] = useState('');
  const chosen = destination || list[0]?.id || '';
  const invalidate = useInvalidate();
  const publish = useMutation({
    mutationFn: () =>
      api<PublishResult[]>(paths.publish, {
        method: 'POST',
        body: { siteId, destination: chosen, when: 'schedule' },
      }),
    onSuccess: () => invalidate(paths.calendar, paths.contents),
  });
  const count = approved.data?.count ?? 0;
  const name = list.find((d) => d.id === chosen)?.name ?? '';
  return (
    <section className="card" aria-label="Publish approved articles">
      <h2>Publish approved articles</h2>
      {publish.data ? (
        <PublishOutcome results={publish.data} />
      ) : list.length === 0 && !destinations.isPending ? (
        <p>Add a destination first (below).</p>
      ) : (
        <>
          <SelectField
            label="Destination"
            value={chosen}
            onChange={(e) => setDestination(e.target.value)}
            options={list.map((d) => ({ value: d.id, label: `${d.name} (${d.kind})` }))}
          />
          <p>
            {count === 0
              ? 'No approved articles are waiting.'
              : `${count} approved article${count === 1 ? '' : 's'} (those not sent there yet) will go to ${name}, following the site's schedule.`}
          </p>
        </>
      )}
      <ErrorNotice error={publish.error ?? destinations.error ?? approved.error} />
      <div className="actions">
        {!publish.data && count > 0 && chosen ? (
          <button
            type="button"
            className="primary"
            onClick={() => publish.mutate()}
            disabled={publish.isPending}
          >
            {publish.isPending ? 'Publishing…' : `Publish ${count} to ${name}`}
          </button>
        ) : null}
        <button type="button" onClick={onClose}>
          {publish.data ? 'Close' : 'Cancel'}
        </button>
      </div>
    </section>
  );
}

function PublishOutcome({ results }: { results: PublishResult[] }) {
  if (results.length === 0)
    return <p role="status">Nothing was sent: every approved article is already there.</p>;
  const failed = results.filter((r) => r.status === 'failed').length;
  return (
    <div role="status">
      <p>
        {results.length - failed} scheduled or published{failed ? `, ${failed} failed` : ''}.
      </p>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Publishing results</caption>
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Outcome</th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.contentId}>
                <td>{r.contentId.slice(0, 8)}</td>
                <td>
                  {r.status}
                  {r.scheduledAt ? ` for ${new Date(r.scheduledAt).toLocaleString()}` : ''}
                  {r.error ? <div className="muted small">{r.error}</div> : null}
                </td>
                <td>{r.remoteUrl ? <a href={r.remoteUrl}>{r.remoteUrl}</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
