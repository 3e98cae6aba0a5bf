import { DEFAULT_STAGE_NUMBERS, PIPELINE_STAGES } from '../api-contract/pipeline-stages.js';

/**
 * The stages of a run, in order: the contract's list (src/api-contract/pipeline-stages.ts), one
 * descriptor each with its number, key, label, unit and account module. Stored run results are keyed
 * by `key` (never by number). The implementation of each is STAGE_IMPLEMENTATIONS[key]
 * (stages/index.ts), which the compiler holds to this list. Stage 3 is free (no AI).
 */
export const STAGES = PIPELINE_STAGES;

export type StageDescriptor = (typeof STAGES)[number];
export type StageNumber = StageDescriptor['n'];
export type StageKey = StageDescriptor['key'];

/** Every stage number, in order. */
export const STAGE_NUMBERS: readonly number[] = STAGES.map((s) => s.n);

/** The default of `--stages`: every stage but the opt-in ones (stage 8, refresh). */
export { DEFAULT_STAGE_NUMBERS };

/** The descriptor of stage `n`, or of the stage keyed `key`. */
export function stageByNumber(n: number): StageDescriptor | undefined {
  return STAGES.find((s) => s.n === n);
}
export function stageByKey(key: string): StageDescriptor | undefined {
  return STAGES.find((s) => s.key === key);
}

export interface StageResult {
  stage: StageNumber;
  key: StageKey;
  status: 'pending' | 'running' | 'done' | 'skipped' | 'stopped';
  /** Items the stage found eligible when it started. */
  total: number;
  done: number;
  failed: number;
  /** Items created downstream (clusters made, ideas made, …). */
  created: number;
  credits: number;
  failures: Array<{ item: string; reason: string; code?: string }>;
}

/** A run's results as stored: keyed by stage key, so adding a stage renumbers no saved data. */
export type StageResults = Record<string, StageResult>;

export function emptyResults(): StageResults {
  return Object.fromEntries(
    STAGES.map((s) => [
      s.key,
      {
        stage: s.n,
        key: s.key,
        status: 'pending',
        total: 0,
        done: 0,
        failed: 0,
        created: 0,
        credits: 0,
        failures: [],
      },
    ]),
  );
}

/**
 * Saved results JSON as results by key. Numeric keys (runs saved before migration 0011, or by an
 * older process still running beside a new one) are read as the stage they numbered.
 */
export function resultsFromJson(raw: unknown): StageResults {
  const out = emptyResults();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw as Record<string, StageResult>)) {
    const def = stageByKey(k) ?? stageByNumber(Number(k));
    if (def && v && typeof v === 'object')
      out[def.key] = { ...out[def.key]!, ...v, stage: def.n, key: def.key };
  }
  return out;
}

/**
 * Stored results (by key) as the run views show them: keyed by stage number, the shape API and CLI
 * clients already read. Each entry names its `key` too, so a reader can find a stage by key.
 */
export function resultsByNumber(results: StageResults): Record<string, StageResult> {
  return Object.fromEntries(
    STAGES.flatMap((s) => (results[s.key] ? [[String(s.n), results[s.key]!] as const] : [])),
  );
}
