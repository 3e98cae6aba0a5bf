import type { ProviderNotice, ProviderWaitReason } from '../providers/provider-notices.js';
import type { AiFunctionName } from './ai-function.js';

/**
 * Where one AI run is: reserve credits → call the provider (→ repair call) → validate (text) or
 * store the file (images) → settle the charge → save the rows (when asked) → done, or failed.
 * `wait` (a wait over 5 s: throttle, retry-after, a slow answer) and `warning` (usage the provider
 * reported was missing or implausible) are announcements between steps, not steps.
 */
export type AiPhase =
  | 'reserve'
  | 'call'
  | 'repair'
  | 'validate'
  | 'store'
  | 'settle'
  | 'save'
  | 'done'
  | 'failed'
  | 'wait'
  | 'warning';

/**
 * A typed progress event of one AI function run. Plain objects: the CLI, the server (SSE) and the
 * dashboard consume them as they are; nothing parses text.
 */
export interface AiProgressEvent {
  type: 'progress';
  fn: AiFunctionName;
  /** The caller's label for what is being processed (a task id, a keyword batch). */
  item?: string;
  phase: AiPhase;
  /** Steps finished of `total` (the total grows by one when a repair call is needed). */
  done: number;
  total: number;
  /** Credits held so far (reserve) or charged (settle, done); 0 after a failure. */
  credits: number;
  /** Why the run failed (phase "failed"), what was wrong ("repair"), what is awaited ("wait"). */
  message?: string;
  /** Phase "wait": what the call waits for, and until when (ISO; absent when unknown). */
  wait?: { reason: ProviderWaitReason; provider: string; until?: string; waitMs?: number };
}

export type AiProgressListener = (event: AiProgressEvent) => void;

/** A small tracker so the engine emits consistent done/total counts. */
export function createProgress(
  fn: AiFunctionName,
  item: string | undefined,
  total: number,
  listener?: AiProgressListener,
) {
  let done = 0;
  let steps = total;
  return {
    emit(phase: AiPhase, credits: number, opts: { step?: boolean; message?: string } = {}) {
      if (opts.step !== false && phase !== 'failed') done = Math.min(steps, done + 1);
      if (phase === 'done') done = steps;
      if (!listener) return;
      const event: AiProgressEvent = { type: 'progress', fn, phase, done, total: steps, credits };
      if (item !== undefined) event.item = item;
      if (opts.message !== undefined) event.message = opts.message;
      try {
        listener(event);
      } catch {
        // A broken listener must not fail (or double-charge) the call it observes.
      }
    },
    /** Pass a provider wait or usage correction on as a `wait`/`warning` event (not a step). */
    notice(n: ProviderNotice, credits: number) {
      if (!listener) return;
      const event: AiProgressEvent = {
        type: 'progress',
        fn,
        phase: n.type === 'wait' ? 'wait' : 'warning',
        done,
        total: steps,
        credits,
        message: n.message,
      };
      if (item !== undefined) event.item = item;
      if (n.type === 'wait') {
        event.wait = { reason: n.reason, provider: n.provider };
        if (n.until !== undefined) event.wait.until = n.until;
        if (n.waitMs !== undefined) event.wait.waitMs = n.waitMs;
      }
      try {
        listener(event);
      } catch {
        // As above: observers never fail the call.
      }
    },
    grow(by: number) {
      steps += by;
    },
  };
}
