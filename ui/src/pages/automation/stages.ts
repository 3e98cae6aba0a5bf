import { PIPELINE_STAGES } from '../../../../src/api-contract/pipeline-stages.js';

/** The seven pipeline stages (from the API contract), for labels before a run reports its own. */
export const STAGES = PIPELINE_STAGES;

export const ACTIVE_RUN = new Set(['queued', 'running', 'paused']);

/** A stage's result found by its key (each result names its key), whatever the map is keyed by. */
export function stageResult<R extends { key: string }>(
  results: Record<string, R>,
  key: string,
): R | undefined {
  return Object.values(results).find((r) => r.key === key);
}
