import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RefreshDetailSchema, RefreshStartedSchema } from '../../../../src/api-contract/index.js';
import { api } from '../../api/client';
import { route } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { Card } from '../../components/page';
import { toast } from '../../components/toast';
import { dateTime } from '../../util/format';

type Detail = z.infer<typeof RefreshDetailSchema>;
type Started = z.infer<typeof RefreshStartedSchema>;

/** The unified diff, one line each, with additions and removals marked for the eye and for readers. */
function DiffView({ diff }: { diff: string }) {
  const lines = diff.split('\n').filter((l) => !l.startsWith('Index:') && !/^=+$/.test(l));
  return (
    <pre className="diff" aria-label="Diff against the live version">
      {lines.map((l, i) => {
        const kind =
          l.startsWith('+') && !l.startsWith('+++')
            ? 'ins'
            : l.startsWith('-') && !l.startsWith('---')
              ? 'del'
              : null;
        return kind === 'ins' ? (
          <ins key={i}>{`${l}\n`}</ins>
        ) : kind === 'del' ? (
          <del key={i}>{`${l}\n`}</del>
        ) : (
          <span key={i}>{`${l}\n`}</span>
        );
      })}
    </pre>
  );
}

/** One refresh under review: what the rewrite did, the diff against the live post, approve and publish. */
export function RefreshReview({ id, siteId }: { id: string; siteId: string }) {
  const invalidate = useInvalidate();
  const path = route('/refresh/{refreshId}', { refreshId: id });
  const detail = useQuery(apiQuery<Detail>(path));
  const refresh = () => invalidate(path, route('/sites/{siteId}/refresh', { siteId }));
  const approve = useMutation({
    mutationFn: () =>
      api<Detail>(route('/refresh/{refreshId}/approve', { refreshId: id }), { method: 'POST' }),
    onSuccess: () => {
      toast('Approved: publish it to update the live post');
      return refresh();
    },
  });
  const publish = useMutation({
    mutationFn: () =>
      api<Started>(route('/refresh/{refreshId}/publish', { refreshId: id }), { method: 'POST' }),
    onSuccess: () => {
      toast('Publishing: the same post is updated in place');
      return refresh();
    },
  });
  return (
    <Card title="Review">
      <AsyncView state={detail} what="The refresh">
        {(r) => (
          <div>
            <p>
              <a href={r.post.url} target="_blank" rel="noopener noreferrer">
                {r.title ?? r.post.url}
              </a>{' '}
              — post {r.post.remoteId}, slug <code>{r.post.slug}</code>, status <strong>{r.status}</strong>
              {r.liveModified ? <> (live version of {dateTime(r.liveModified)})</> : null}
            </p>
            {r.notes ? (
              <ul>
                {r.notes.sectionsAdded.length ? (
                  <li>Sections added: {r.notes.sectionsAdded.join('; ')}</li>
                ) : null}
                <li>
                  Grounding: {r.notes.grounding.status}
                  {r.notes.grounding.cited.length
                    ? ` (${r.notes.grounding.cited.length} source(s) cited)`
                    : ''}
                </li>
                {r.notes.links.length ? (
                  <li>Links added: {r.notes.links.map((l) => `“${l.anchor}” → ${l.href}`).join('; ')}</li>
                ) : null}
              </ul>
            ) : null}
            {r.error ? (
              <p role="alert">
                {r.errorCode}: {r.error}
              </p>
            ) : null}
            <ErrorNotice error={approve.error ?? publish.error} />
            <div className="actions">
              {r.status === 'review' ? (
                <button type="button" onClick={() => approve.mutate()} disabled={approve.isPending}>
                  Approve
                </button>
              ) : null}
              {r.status === 'approved' ? (
                <button type="button" onClick={() => publish.mutate()} disabled={publish.isPending}>
                  Publish in place
                </button>
              ) : null}
            </div>
            {r.diff ? <DiffView diff={r.diff} /> : <p className="muted">No draft yet.</p>}
          </div>
        )}
      </AsyncView>
    </Card>
  );
}
