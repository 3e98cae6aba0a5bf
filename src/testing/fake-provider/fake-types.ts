import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BatchStore, FakeBatchFaults } from './fake-batches.js';

export type { FakeBatchFaults } from './fake-batches.js';

/** Share of generation calls that fail each way (0–1 each; drawn from a seeded PRNG). */
export interface FakeFaults {
  /** 429 with a retry-after (retryAfterMs → `retry-after-ms` + `retry-after`; retryAfterS → `retry-after` only). */
  rate429?: number;
  retryAfterMs?: number;
  retryAfterS?: number;
  status500?: number;
  /** Never answer; the connection stays open until the client gives up. */
  timeout?: number;
  /** 200 with a truncated JSON body (or a broken SSE event when streaming). */
  malformedJson?: number;
  auth401?: number;
}

/**
 * Deterministic misbehaviour of the text routes, the ways real providers misbehave besides failing:
 * figures that cannot be true, answers in the wrong place, stalls and connections dying mid-answer.
 */
export interface FakeMisbehaviour {
  /** Report this many input and output tokens on every answer (e.g. 1e9), whatever was asked. */
  absurdUsage?: number;
  /** Leave `usage` out of every answer (streams report no counts). */
  omitUsage?: boolean;
  /**
   * Anthropic: answer in a text block instead of calling the forced output tool. `json`: the valid
   * JSON as text. `invalid`: prose without JSON, except in a conversation that already holds an
   * assistant turn (the caller's repair), which gets the tool answer.
   */
  anthropicText?: 'json' | 'invalid';
  /** Hold the answer this long before sending it, on the text calls in `stallCalls`. */
  stallMs?: number;
  /** 1-based text-call numbers that stall (default [1]). */
  stallCalls?: number[];
  /** 1-based text-call numbers whose answer is cut off mid-body by a connection reset. */
  resetCalls?: number[];
}

export type FakeOutcome =
  | 'ok'
  | 'reset'
  | 'refused'
  | 'rate429'
  | 'limited429'
  | 'status500'
  | 'timeout'
  | 'malformedJson'
  | 'auth401'
  | 'badRequest'
  | 'notFound';

export type FakeApi = 'openai' | 'anthropic' | 'gemini' | 'runware' | 'bria';

/** A text request as `respond` sees it, whichever wire protocol carried it. */
export interface FakeTextRequest {
  api: 'openai' | 'anthropic' | 'gemini';
  model: string;
  /** System prompt first (Anthropic's top-level `system` becomes a system message). */
  messages: Array<{ role: string; content: string }>;
  /** The JSON Schema the caller asked for (OpenAI response_format, Anthropic forced tool or Gemini responseJsonSchema), if any. */
  schema?: Record<string, unknown>;
  schemaName?: string;
  maxTokens?: number;
  stream: boolean;
  /** The raw request body. */
  body: unknown;
  /** 1-based count of text calls this server has answered. */
  callIndex: number;
}

/** Return from `respond` to make the model refuse. */
export class FakeRefusal {
  constructor(readonly message = 'I can’t help with that.') {}
}

export type FakeReply = string | Record<string, unknown> | unknown[] | FakeRefusal | undefined;

export interface FakeLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

export interface FakeProviderOptions {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  seed?: number;
  faults?: FakeFaults;
  /** Fixed delay before every generation answer (benchmarks). */
  latencyMs?: number;
  /** Enforce RPM/TPM like a real provider: 429 + rate-limit headers when over. */
  limits?: FakeLimits;
  /** Accepted API keys; by default any non-empty key is accepted. */
  apiKeys?: string[];
  /** Override the text of a call (plain text, JSON text, an object for structured calls, or a refusal). */
  respond?: (req: FakeTextRequest) => FakeReply | Promise<FakeReply>;
  /** Answer 400 to `response_format: json_schema`, like an older OpenAI-compatible server. */
  rejectJsonSchema?: boolean;
  /** Misbehaviour of the text routes (absurd or missing usage, text instead of tool, stalls, resets). */
  misbehave?: FakeMisbehaviour;
  /** Keep each request body in the call log (default true). */
  recordBodies?: boolean;
  /** How long a batch takes to complete (default 0: done at the first poll after submitting). */
  batchDelayMs?: number;
  batchFaults?: FakeBatchFaults;
}

export interface FakeCall {
  seq: number;
  api: FakeApi;
  route: string;
  model?: string;
  outcome: FakeOutcome;
  status: number;
  stream?: boolean;
  tokensIn?: number;
  tokensOut?: number;
  body?: unknown;
}

export interface FakeStats {
  calls: number;
  byOutcome: Record<FakeOutcome, number>;
  byApi: Record<FakeApi, number>;
  log: FakeCall[];
  /** Batches created and the requests in them (a resumed run must not add to these). */
  batches: { submitted: number; requests: number };
}

export interface FakeProviderServer {
  /** Base URL without a path, e.g. http://127.0.0.1:4321 (OpenAI clients add /v1). */
  url: string;
  port: number;
  stats: FakeStats;
  setFaults(faults: FakeFaults): void;
  setLimits(limits: FakeLimits | undefined): void;
  setLatency(ms: number): void;
  setMisbehaviour(misbehave: FakeMisbehaviour): void;
  setBatchFaults(faults: FakeBatchFaults, delayMs?: number): void;
  resetStats(): void;
  close(): Promise<void>;
}

/** What a route handler gets. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: unknown;
  baseUrl: string;
  options: FakeProviderOptions;
  rand: () => number;
  /** Count the call and log it. */
  record(call: Omit<FakeCall, 'seq'>): void;
  nextTextCall(): number;
  /** The batch APIs' state: uploaded files, batches, which input file each OpenAI batch read. */
  fakeBatches: { files: Map<string, string>; inputs: Map<string, string>; store: BatchStore };
  /** Which prompt prefixes this server has seen, per API (cached-token figures). */
  promptCache: FakePromptCache;
}

/** One cacheable prefix of an Anthropic request: everything up to a cache_control breakpoint. */
export interface CacheBreakpoint {
  /** The text the prefix hashes over (tools, system and messages up to the breakpoint). */
  key: string;
  /** Its length in tokens. */
  tokens: number;
}

/**
 * The prompt caches of a fake provider, one per API, remembering which prefixes were sent before,
 * so cached tokens are reported only for a prefix actually repeated (never for a first call).
 */
export interface FakePromptCache {
  /** OpenAI: tokens of the longest already-seen prefix of `prompt` (≥ 1,024, in 128-token steps); remembers `prompt`. */
  openAi(model: string, seed: string, prompt: string): number;
  /** Anthropic: tokens read from the longest seen breakpoint, and written for the last one when unseen. */
  anthropic(model: string, breakpoints: CacheBreakpoint[]): { read: number; write: number };
}
