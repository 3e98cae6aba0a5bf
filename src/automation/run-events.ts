import type { z } from 'zod';
import type { PROVIDER_WAIT_REASONS, RunEventSchema } from '../api-contract/automation.schema.js';
import type { ProviderWaitReason } from '../providers/index.js';
import type { RunEstimate } from './estimate-run.js';
import type { StageResult } from './stages.js';

/** The wire shape of a run event, as the API contract defines it. */
type WireRunEvent = z.infer<typeof RunEventSchema>;
type WireOf<T extends WireRunEvent['type']> = Extract<WireRunEvent, { type: T }>;

/** The contract's event with fields the engine knows more precisely (its own estimate and stage results). */
type Narrowed<T extends WireRunEvent['type'], Extra> = Omit<WireOf<T>, keyof Extra> & Extra;

/**
 * Typed progress of a run: the CLI (Ink or NDJSON), the server (SSE) and the dashboard all consume
 * these objects; nothing parses text. The shape is the contract's RunEventSchema.
 */
export type RunEvent =
  | Narrowed<'run', { estimate?: RunEstimate }>
  | WireOf<'stage' | 'item' | 'log' | 'wait' | 'batch'>
  | Narrowed<'summary', { results: Record<string, StageResult> }>;

export type RunEventListener = (event: RunEvent) => void;

// The providers' wait reasons are the contract's, both ways (a new reason must reach the contract).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _waitReasonsMatch: Same<ProviderWaitReason, (typeof PROVIDER_WAIT_REASONS)[number]> = true;
void _waitReasonsMatch;
