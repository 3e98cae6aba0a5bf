import { describe, expect, it } from 'vitest';
import { RunOptionsRequestSchema } from './automation.schema.js';
import { PIPELINE_STAGES, STAGE_COUNT, stageNumberPattern } from './pipeline-stages.js';

describe('the stage bounds derive from PIPELINE_STAGES', () => {
  it('count the list', () => {
    expect(STAGE_COUNT).toBe(PIPELINE_STAGES.length);
    expect(RunOptionsRequestSchema.safeParse({ stages: `1-${STAGE_COUNT}` }).success).toBe(true);
    expect(RunOptionsRequestSchema.safeParse({ stages: `${STAGE_COUNT + 1}` }).success).toBe(false);
  });

  it('match exactly 1..count, past nine stages too', () => {
    for (const count of [7, 9, 12]) {
      const one = new RegExp(`^${stageNumberPattern(count)}$`);
      for (let n = 1; n <= count; n++) expect(one.test(String(n)), `${n} of ${count}`).toBe(true);
      for (const bad of ['0', String(count + 1), '01', '']) expect(one.test(bad), bad).toBe(false);
    }
    expect(stageNumberPattern(7)).toBe('[1-7]');
  });
});
