import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { useInvalidate } from '../../api/queries';
import type { Run } from '../../api/types';
import { useCan } from '../../app/use-session';
import { Badge } from '../../components/badge';
import { ErrorNotice, Loading } from '../../components/feedback';
import { Card, PageHeader } from '../../components/page';
import { toast } from '../../components/toast';
import { dateTime, num } from '../../util/format';
import { RunCostTable } from './run-cost';
import { RunProgressSummary } from './run-summary';
import { ACTIVE_RUN } from './stages';
import { useRunStream } from './use-run-stream';

const TRANSPORT = {
  connecting: 'Connecting…',
  stream: 'Live',
  polling: 'Refreshing every 2 s (this server has no live stream)',
  closed: 'Finished',
};

function Logs({ logs, finished }: { logs: ReturnType<typeof useRunStream>['logs']; finished: boolean }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [logs.length]);
  if (logs.length === 0)
    return (
      <p className="muted">
        {finished ? 'Nothing was logged: runs record warnings and errors here.' : 'No log lines yet.'}
      </p>
    );
  return (
    <ol className="logs" aria-label="Run log" aria-live="off">
      {logs.map((l) => (
        <li key={l.key} className={`log-${l.level}`}>
          <span className="muted">{l.stage ? `[${l.stage}]` : '[run]'}</span> {l.message}
        </li>
      ))}
      <li ref={end} aria-hidden="true" />
    </ol>
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Pause, resume or cancel. A run paused a moment ago may still be finishing its current item (its
 * process holds the run until then), so a refused resume is tried again for a few seconds.
 */
export async function runAction(runId: string, action: 'pause' | 'resume' | 'cancel'): Promise<Run> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api<Run>(paths.runAction(runId, action), { method: 'POST' });
    } catch (err) {
      if (action !== 'resume' || attempt >= 10 || !(err instanceof ApiError) || err.code !== 'INVALID_STATE')
        throw err;
      await sleep(1000);
    }
  }
}

/** One run: live progress per stage over SSE, pause/resume/cancel, failures and logs. */
export function RunPage({ runId }: { runId: string }) {
  const live = useRunStream(runId);
  const canControl = useCan('editor');
  const invalidate = useInvalidate();
  const control = useMutation({
    mutationFn: (action: 'pause' | 'resume' | 'cancel') => runAction(runId, action),
    onSuccess: (_r, action) => {
      toast(`Run ${action === 'cancel' ? 'cancelled' : action === 'pause' ? 'pausing' : 'resumed'}`);
      return invalidate(paths.runs);
    },
  });
  const act = (action: 'pause' | 'resume' | 'cancel') => control.mutate(action);
  const run = live.run;
  if (!run) return live.error ? <ErrorNotice error={live.error} /> : <Loading label="Loading run…" />;
  const status = run.status;

  return (
    <div>
      <PageHeader
        title="Run"
        actions={
          canControl ? (
            <>
              {status === 'running' || status === 'queued' ? (
                <button type="button" onClick={() => act('pause')} disabled={control.isPending}>
                  Pause
                </button>
              ) : null}
              {status === 'paused' ? (
                <button
                  type="button"
                  className="primary"
                  onClick={() => act('resume')}
                  disabled={control.isPending}
                >
                  Resume
                </button>
              ) : null}
              {status === 'running' || status === 'queued' || status === 'paused' ? (
                <button
                  type="button"
                  className="danger"
                  onClick={() => act('cancel')}
                  disabled={control.isPending}
                >
                  Cancel
                </button>
              ) : null}
            </>
          ) : null
        }
      >
        <Link to="/automation">Automation</Link> · started {dateTime(run.startedAt ?? run.createdAt)}
      </PageHeader>
      <ErrorNotice error={control.error} />
      <div className="stats run-stats" aria-live="polite">
        <div>
          <span className="big" data-testid="run-status">
            <Badge status={status} />
          </span>
          <span className="muted small">{TRANSPORT[live.transport]}</span>
        </div>
        <div>
          <span className="big" data-testid="run-credits">
            {num(run.creditsUsed)}
          </span>
          <span className="muted small">credits used (estimate {num(run.estimateCredits)})</span>
        </div>
        <div>
          <span className="big">{run.currentStage ?? '—'}</span>
          <span className="muted small">{ACTIVE_RUN.has(status) ? 'current stage' : 'last stage'}</span>
        </div>
      </div>
      {run.error ? <div className="notice notice-error">{run.error}</div> : null}
      <div className="grid two">
        <Card title="Progress">
          <RunProgressSummary run={run} live />
        </Card>
        <Card title="Log">
          <Logs logs={live.logs} finished={!ACTIVE_RUN.has(status)} />
        </Card>
      </div>
      <Card title="Cost">
        {/* Keyed by status and credits so the figures refetch as the run spends and when it ends. */}
        <RunCostTable key={`${status}:${run.creditsUsed}`} runId={runId} />
      </Card>
    </div>
  );
}
