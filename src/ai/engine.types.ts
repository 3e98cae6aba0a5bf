import type { CreditsService } from '../credits/index.js';
import type { Db } from '../db/index.js';
import type { AiModel, ModelRegistry } from '../models/index.js';
import type { PromptService } from '../prompts/index.js';
import type { ProviderRegistryFactory, SandboxFactory } from '../providers/index.js';
import type { Usage } from '../providers/provider.types.js';
import type { Scope } from '../tenancy/scope.js';
import type { AiFunctionName, AiPersist } from './ai-function.js';
import type { AiInput, AiOutput, AiSaver, AiSavers } from './functions/index.js';
import type { AiProgressListener } from './progress.js';

export interface AiEngineDeps {
  db: Db;
  credits: Pick<CreditsService, 'reserve' | 'settle' | 'release'>;
  models: Pick<ModelRegistry, 'modelFor' | 'get'>;
  prompts: Pick<PromptService, 'get' | 'getDefault' | 'requiredVariables'>;
  providers: ProviderRegistryFactory;
  /** Folder generated images are stored in (config.media.dir, resolved). */
  mediaDir: string;
  /** media.store "db": image bytes also go to the database, shared by every process. */
  sharedMedia?: boolean;
  /** Answer with the sandbox when the model's provider has no key (default true; config.ai.sandboxFallback). */
  sandboxFallback?: boolean;
  /** Sandbox providers to use (default: igny8's own, src/providers/sandbox). */
  sandbox?: SandboxFactory;
  /** How long a credit hold may live before the sweeper frees it (default: the ledger's). */
  holdTtlMs?: number;
  /**
   * The owners' save of each function's result, used by `save: true` when the caller passes no
   * `persist` (the core wires the writer's and the planner's; src/ai writes no domain rows itself).
   */
  savers?: AiSavers;
}

export interface AiRunOptions {
  onProgress?: AiProgressListener;
  /** The task's prompt override (task → account → default). */
  taskPromptOverride?: string | null;
  signal?: AbortSignal;
  /**
   * Idempotency key of the charge. Pass a deterministic one (`content:<taskId>`) so a crashed and
   * re-run item is never charged twice; a failed (released) id is retried as `<opId>~r1`, `~r2`, ….
   * Default: a fresh random id.
   */
  opId?: string;
  /** Label for progress events (a task id, "batch 3/10"). */
  item?: string;
  /**
   * Also write the result (with `persist`, or the owner's save the core registered for the function)
   * in one transaction after settling.
   */
  save?: boolean;
  /**
   * The owning module's save of the result (the writer's, the planner's); given, the result is saved
   * as with `save: true`: in the save transaction after `beforeSave`, with the run's scope and parsed
   * input. What it returns is the result's `saved`.
   */
  persist?: AiPersist<never, never, unknown>;
  /**
   * Runs first inside the save transaction and may throw to refuse the write — automation uses it
   * to fence a run whose lease another process has taken over.
   */
  beforeSave?: (trx: Db) => Promise<void>;
  /** The row the usage-log entry points at (default: what the input names). */
  object?: { type: string; id: string };
  /** A registry model ref to use instead of the configured one (a run's cost profile). */
  model?: string;
}

/** run()'s options for function N, its `persist` typed by the function's input and output. */
export type AiRunCallOptions<N extends AiFunctionName, S> = Omit<AiRunOptions, 'persist'> & {
  persist?: AiSaver<N, S>;
};

export interface AiRunResult<O, S = unknown> {
  output: O;
  /** Every call of the run added up (a repair call included). */
  usage: Usage;
  /** Credits charged (0 for a skipped call). */
  credits: number;
  usd: number;
  /** "provider:modelId" of the metered model. */
  model: string;
  provider: string;
  /** True when the sandbox answered (by choice or because the provider has no key). */
  sandbox: boolean;
  /** The operation id the charge was settled under. */
  opId: string;
  repaired: boolean;
  prompt?: { key: string; version: number; source: 'task' | 'account' | 'default' };
  /** What the owner's save returned, when run with `save: true`. */
  saved?: S;
}

export interface AiEstimate {
  calls: number;
  tokens: number;
  tokensIn: number;
  tokensOut: number;
  images: number;
  credits: number;
  usd: number;
  model: string;
}

export interface AiEngine {
  /**
   * Run one AI function: resolve model, provider and prompt, reserve credits, call, validate (one
   * repair), settle the actual usage — or release on failure (no charge).
   */
  run<N extends AiFunctionName, S = unknown>(
    scope: Scope,
    name: N,
    input: AiInput<N>,
    options?: AiRunCallOptions<N, S>,
  ): Promise<AiRunResult<AiOutput<N>, S>>;
  /** What one run would cost at most (the amount held before the call), from the default prompt. */
  estimate<N extends AiFunctionName>(name: N, input: AiInput<N>): Promise<AiEstimate>;
  /** A line for the CLI when a model's provider has no key and the sandbox will answer; null when all are set. */
  providerNotice(scope: Scope): Promise<string | null>;
  /** The model and provider a function would use now, and whether that is the sandbox. */
  resolveModel(
    scope: Scope,
    name: AiFunctionName,
    /** A registry ref to use instead of the configured model (a cost profile's choice). */
    model?: string,
  ): Promise<{ model: AiModel; sandbox: boolean; fallback: boolean }>;
}
