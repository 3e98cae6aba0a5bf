import { useEffect, useReducer } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { streamSse } from '../../api/sse';
import type { Run, RunEvent, RunLog, StageResult } from '../../api/types';
import { useInvalidate } from '../../api/queries';
import { ACTIVE_RUN } from './stages';

export interface LiveRun {
  run: Run | null;
  logs: Array<Pick<RunLog, 'level' | 'stage' | 'message'> & { key: string }>;
  /** How progress arrives: the SSE stream, polling (no stream route), or nothing yet. */
  transport: 'connecting' | 'stream' | 'polling' | 'closed';
  error: unknown;
}

type Action =
  | { type: 'run'; run: Run }
  | { type: 'event'; event: RunEvent; id: string | null }
  | { type: 'logs'; logs: RunLog[] }
  | { type: 'transport'; transport: LiveRun['transport'] }
  | { type: 'error'; error: unknown };

function blankStage(stage: number): StageResult {
  return {
    stage,
    key: '',
    status: 'pending',
    total: 0,
    done: 0,
    failed: 0,
    created: 0,
    credits: 0,
    failures: [],
  };
}

/** Pure: fold one run event into the run (the same events the CLI renders). */
export function applyRunEvent(run: Run, ev: RunEvent): Run {
  const results = { ...run.results };
  switch (ev.type) {
    case 'run':
      return { ...run, status: ev.status as Run['status'] };
    case 'stage': {
      const prev = results[String(ev.stage)] ?? blankStage(ev.stage);
      const status = ev.status === 'start' ? 'running' : (ev.status as StageResult['status']);
      results[String(ev.stage)] = { ...prev, key: ev.key, status, total: Math.max(ev.total, prev.total) };
      return { ...run, results, currentStage: ev.status === 'start' ? ev.stage : run.currentStage };
    }
    case 'item': {
      const prev = results[String(ev.stage)] ?? blankStage(ev.stage);
      const failures =
        ev.status === 'failed'
          ? [...prev.failures, { item: ev.item, reason: ev.reason ?? 'failed' }]
          : prev.failures;
      results[String(ev.stage)] = {
        ...prev,
        status: prev.status === 'pending' ? 'running' : prev.status,
        done: ev.done,
        failed: ev.failed,
        total: ev.total,
        credits: prev.credits + ev.credits,
        failures,
      };
      return { ...run, results, creditsUsed: ev.creditsUsed };
    }
    case 'summary':
      return {
        ...run,
        status: ev.status as Run['status'],
        creditsUsed: ev.creditsUsed,
        results: { ...run.results, ...ev.results },
        error: ev.error ?? run.error,
      };
    default:
      return run;
  }
}

/**
 * The log line an event adds: stored log lines (keyed by their sequence number, so a line seen
 * twice shows once), and a line per stage change and for the summary, which the run does not store.
 */
export function logLine(ev: RunEvent, id: string | null, n: number): LiveRun['logs'][number] | null {
  switch (ev.type) {
    case 'log':
      return { key: `log-${id ?? `live-${n}`}`, level: ev.level, stage: ev.stage, message: ev.message };
    // A provider wait over 5 s: stored in the run's log too, so it shares the stored line's key.
    case 'wait':
      return { key: `log-${id ?? `live-${n}`}`, level: 'info', stage: ev.stage, message: ev.message };
    case 'stage': {
      const what = ev.status === 'start' ? `started (${ev.total} items)` : ev.status;
      return { key: `live-${n}`, level: 'info', stage: ev.stage, message: `${ev.label}: ${what}` };
    }
    case 'summary':
      return {
        key: `live-${n}`,
        level: ev.status === 'failed' ? 'error' : 'info',
        stage: null,
        message: `Run ${ev.status}: ${ev.creditsUsed} credits${ev.error ? ` (${ev.error})` : ''}`,
      };
    default:
      return null;
  }
}

function reducer(state: LiveRun, a: Action): LiveRun {
  switch (a.type) {
    case 'run':
      return { ...state, run: a.run };
    case 'logs': {
      // Stored lines not shown yet are added; lines made from live events stay where they are.
      const seen = new Set(state.logs.map((l) => l.key));
      const stored = a.logs
        .map((l) => ({ key: `log-${l.seq}`, level: l.level, stage: l.stage, message: l.message }))
        .filter((l) => !seen.has(l.key));
      return { ...state, logs: [...state.logs, ...stored] };
    }
    case 'event': {
      const line = logLine(a.event, a.id, state.logs.length);
      const logs = line && !state.logs.some((l) => l.key === line.key) ? [...state.logs, line] : state.logs;
      return { ...state, logs, run: state.run ? applyRunEvent(state.run, a.event) : state.run };
    }
    case 'transport':
      return { ...state, transport: a.transport };
    case 'error':
      return { ...state, error: a.error };
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/**
 * A run kept live: loaded once, then updated from its event stream (fetch-based SSE with the
 * bearer header), reconnecting with Last-Event-ID; falls back to polling when the server has no stream.
 */
export function useRunStream(runId: string): LiveRun {
  const [state, dispatch] = useReducer(reducer, {
    run: null,
    logs: [],
    transport: 'connecting',
    error: undefined,
  });
  const invalidate = useInvalidate();

  useEffect(() => {
    const ctrl = new AbortController();
    const { signal } = ctrl;
    let lastId: string | null = null;
    let status: string | null = null;

    const refresh = async () => {
      const run = await api<Run>(paths.run(runId), { signal });
      status = run.status;
      dispatch({ type: 'run', run });
      return run;
    };
    const loadLogs = () =>
      api<RunLog[]>(paths.runLogs(runId), { signal })
        .then((logs) => {
          dispatch({ type: 'logs', logs });
          // The stream then starts after the lines already shown.
          if (logs.length > 0) lastId = String(logs[logs.length - 1]!.seq);
        })
        .catch(() => undefined);

    (async () => {
      try {
        await refresh();
        await loadLogs();
      } catch (err) {
        if (!signal.aborted) dispatch({ type: 'error', error: err });
        return;
      }
      let failures = 0;
      let poll = false;
      while (!signal.aborted && status && ACTIVE_RUN.has(status)) {
        if (!poll) {
          try {
            dispatch({ type: 'transport', transport: 'stream' });
            await streamSse(paths.runEvents(runId), {
              signal,
              lastEventId: lastId,
              onMessage: (m) => {
                lastId = m.id ?? lastId;
                let parsed: unknown;
                try {
                  parsed = JSON.parse(m.data);
                } catch {
                  return;
                }
                if (!parsed || typeof parsed !== 'object') return;
                if (m.event === 'end') return;
                // A `run` event is the stored run (status and per-stage results): take it whole.
                if (m.event === 'run' && 'results' in parsed) {
                  status = (parsed as Run).status;
                  dispatch({ type: 'run', run: parsed as Run });
                  return;
                }
                // The event name is the type (a log line's own `type` says what it records).
                const ev = { ...parsed, type: m.event } as RunEvent;
                if (ev.type === 'summary') status = ev.status;
                dispatch({ type: 'event', event: ev, id: m.id });
              },
            });
            failures = 0;
          } catch (err) {
            if (signal.aborted) return;
            if (err instanceof ApiError && err.status === 404 && err.routeMissing) poll = true;
            else failures++;
            if (failures > 5) poll = true;
          }
        }
        if (signal.aborted) return;
        if (poll) dispatch({ type: 'transport', transport: 'polling' });
        await sleep(poll ? 2000 : Math.min(1000 * (failures + 1), 5000), signal);
        // The stream ended or dropped: read the stored state, which also tells whether the run finished.
        await refresh().catch(() => undefined);
      }
      if (!signal.aborted) {
        dispatch({ type: 'transport', transport: 'closed' });
        await loadLogs();
        // What the run spent (every /credits read) and made (the planner's and writer's lists).
        void invalidate(
          '/credits',
          paths.runs,
          paths.keywords,
          paths.clusters,
          paths.ideas,
          paths.tasks,
          paths.contents,
          paths.images,
        );
      }
    })();
    return () => ctrl.abort();
  }, [runId, invalidate]);

  return state;
}
