import type { NOTIFY_EVENT_KINDS } from '../api-contract/schedules.schema.js';
import type { NotificationInput } from './notification.schema.js';

export type NotifyEventKind = (typeof NOTIFY_EVENT_KINDS)[number];

/** Something that happened and that people (the bell) and channels (webhook, email) hear about. */
export type NotifyEvent =
  | {
      kind: 'run.completed' | 'run.completed_with_failures' | 'run.failed';
      runId: string;
      siteId: string;
      status: string;
      done: number;
      failed: number;
      creditsUsed: number;
      error?: string | null;
      trigger?: string;
    }
  | { kind: 'publish.failed'; siteId: string; contentId: string; title: string; error: string; at: string }
  | {
      kind: 'schedule.slot_skipped';
      scheduleId: string;
      scheduleName: string;
      slotTime: string;
      reason: string;
    };

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * The stored notification for an event. The dedupe key starts with the event's kind (the channels'
 * filter reads it back) and names the occurrence, so an event told twice is stored once.
 */
export function eventNotification(event: NotifyEvent): NotificationInput {
  switch (event.kind) {
    case 'run.completed':
      return {
        level: 'success',
        title: 'Run completed',
        message: `Run ${event.runId} completed: ${plural(event.done, 'item')} done, ${plural(event.creditsUsed, 'credit')} used.`,
        actionUrl: `/automation/runs/${event.runId}`,
        dedupeKey: `${event.kind}:${event.runId}`,
      };
    case 'run.completed_with_failures':
      return {
        level: 'warning',
        title: 'Run completed with failures',
        message:
          `Run ${event.runId} completed with ${plural(event.failed, 'failed item')} ` +
          `(${plural(event.done, 'item')} done, ${plural(event.creditsUsed, 'credit')} used).`,
        actionUrl: `/automation/runs/${event.runId}`,
        dedupeKey: `${event.kind}:${event.runId}`,
      };
    case 'run.failed':
      return {
        level: 'error',
        title: 'Run failed',
        message: `Run ${event.runId} stopped: ${event.error ?? 'unknown error'} (${plural(event.done, 'item')} done, ${plural(event.failed, 'failed')}).`,
        actionUrl: `/automation/runs/${event.runId}`,
        dedupeKey: `${event.kind}:${event.runId}`,
      };
    case 'publish.failed':
      return {
        level: 'error',
        title: 'Publishing failed',
        message: `"${event.title}" was not published: ${event.error}`,
        actionUrl: `/writer/content/${event.contentId}`,
        dedupeKey: `${event.kind}:${event.contentId}:${event.at}`,
      };
    case 'schedule.slot_skipped':
      return {
        level: 'warning',
        title: `Schedule "${event.scheduleName}" skipped a slot`,
        message: `The ${event.slotTime} slot did not start a run: ${event.reason}.`,
        actionUrl: '/automation/schedules',
        dedupeKey: `${event.kind}:${event.scheduleId}:${event.slotTime}`,
      };
  }
}

/** The event kind of a stored notification (from its dedupe key); null for other notifications. */
export function eventKindOf(dedupeKey: string | null): NotifyEventKind | null {
  if (!dedupeKey) return null;
  // The ledger's usage alerts (written in its own transactions) are the "credits low" event.
  if (dedupeKey.startsWith('credits-usage:')) return 'credits.low';
  const kind = dedupeKey.slice(0, dedupeKey.indexOf(':'));
  const known: readonly string[] = [
    'run.completed',
    'run.completed_with_failures',
    'run.failed',
    'publish.failed',
    'schedule.slot_skipped',
  ];
  return known.includes(kind) ? (kind as NotifyEventKind) : null;
}

/** The event of a finished run, by its outcome; null for outcomes nobody is told about (paused). */
export function runFinishedEvent(run: {
  id: string;
  siteId: string;
  status: string;
  error: string | null;
  creditsUsed: number;
  trigger?: string;
  results: Record<string, { done: number; failed: number }>;
}): NotifyEvent | null {
  const stages = Object.values(run.results);
  const done = stages.reduce((n, s) => n + (s.done ?? 0), 0);
  const failed = stages.reduce((n, s) => n + (s.failed ?? 0), 0);
  const base = {
    runId: run.id,
    siteId: run.siteId,
    status: run.status,
    done,
    failed,
    creditsUsed: run.creditsUsed,
    error: run.error,
    ...(run.trigger ? { trigger: run.trigger } : {}),
  };
  if (run.status === 'failed') return { kind: 'run.failed', ...base };
  if (run.status !== 'completed') return null;
  return { kind: failed > 0 ? 'run.completed_with_failures' : 'run.completed', ...base };
}
