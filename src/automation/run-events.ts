import type { ProviderWaitReason } from '../providers/index.js';
import type { RunEstimate } from './estimate-run.js';
import type { StageResult } from './stages.js';

/**
 * Typed progress of a run: the CLI (Ink or NDJSON), the server (SSE) and the dashboard all consume
 * these objects; nothing parses text.
 */
export type RunEvent =
  | { type: 'run'; runId: string; siteId: string; status: string; resumed: boolean; estimate?: RunEstimate }
  | {
      type: 'stage';
      runId: string;
      stage: number;
      key: string;
      label: string;
      status: 'start' | 'done' | 'skipped' | 'stopped';
      total: number;
    }
  | {
      type: 'item';
      runId: string;
      stage: number;
      item: string;
      status: 'done' | 'failed';
      reason?: string;
      code?: string;
      credits: number;
      done: number;
      failed: number;
      total: number;
      creditsUsed: number;
    }
  | { type: 'log'; runId: string; level: 'info' | 'warn' | 'error'; stage: number | null; message: string }
  | {
      /** A provider call waits over 5 s (throttle, retry-after, backoff, a slow answer): what for, until when. */
      type: 'wait';
      runId: string;
      stage: number | null;
      reason: ProviderWaitReason;
      provider: string;
      /** ISO time the wait ends (for `response`, when the attempt gives up); absent when unknown. */
      until?: string;
      message: string;
    }
  | {
      /** Batch mode: a provider batch the stage waits on, polled (state and counts). */
      type: 'batch';
      runId: string;
      stage: number;
      provider: string;
      batchId: string;
      /** The provider's word: in_progress, finalizing, completed, expired, ended… */
      status: string;
      total: number;
      done: number;
      failed: number;
      message: string;
    }
  | {
      type: 'summary';
      runId: string;
      status: string;
      creditsUsed: number;
      /** Items left failed over the whole run (every stage, every attempt). */
      failed: number;
      results: Record<string, StageResult>;
      error?: string;
      /** The error code that stopped the run, when one did. */
      code?: string;
    };

export type RunEventListener = (event: RunEvent) => void;
