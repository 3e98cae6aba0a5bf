import { describe, expect, it } from 'vitest';
import { PIPELINE_STAGES, STAGE_RESULT_STATUSES } from '../api-contract/pipeline-stages.js';
import { emptyResults, STAGES } from './stages.js';

describe('the engine stages and the API contract', () => {
  it('name the same stages, in the same order, with the same labels', () => {
    expect(STAGES.map(({ n, key, label }) => ({ n, key, label }))).toEqual(
      PIPELINE_STAGES.map(({ n, key, label }) => ({ n, key, label })),
    );
  });

  it('start every stage in a status the contract lists', () => {
    for (const r of Object.values(emptyResults())) expect(STAGE_RESULT_STATUSES).toContain(r.status);
  });
});
