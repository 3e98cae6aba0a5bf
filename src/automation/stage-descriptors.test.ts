import { describe, expect, it } from 'vitest';
import { RunOptionsRequestSchema } from '../api-contract/automation.schema.js';
import { ScheduleRunOptionsSchema } from '../api-contract/schedules.schema.js';
import { RunOptionsSchema } from './run-options.schema.js';
import { PIPELINE_STAGES } from './stages/index.js';
import {
  DEFAULT_STAGE_NUMBERS,
  emptyResults,
  resultsByNumber,
  resultsFromJson,
  STAGE_NUMBERS,
  STAGES,
} from './stages.js';

const N = STAGES.length;

describe('STAGES is the one list of pipeline stages', () => {
  it('numbers run 1..N in order, keys are unique snake_case names', () => {
    expect(STAGES.map((s) => s.n)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(new Set(STAGES.map((s) => s.key)).size).toBe(N);
    for (const s of STAGES) expect(s.key).toMatch(/^[a-z][a-z_]*$/);
  });

  it('each descriptor has its implementation, which names the same number', () => {
    const impls = PIPELINE_STAGES;
    expect(Object.keys(impls).map(Number)).toEqual([...STAGE_NUMBERS]);
    for (const s of STAGES) expect(impls[s.n]?.n, s.key).toBe(s.n);
  });

  it('run options derive from it: the default runs every stage but the opt-in ones, N+1 is refused', () => {
    expect(RunOptionsSchema.parse({}).stages).toEqual([...DEFAULT_STAGE_NUMBERS]);
    expect(DEFAULT_STAGE_NUMBERS).toEqual(STAGES.filter((s) => !('optIn' in s)).map((s) => s.n));
    expect(RunOptionsSchema.parse({ stages: `1-${N}` }).stages).toEqual([...STAGE_NUMBERS]);
    expect(RunOptionsSchema.safeParse({ stages: `1-${N + 1}` }).success).toBe(false);
    expect(RunOptionsSchema.safeParse({ stages: [N + 1] }).success).toBe(false);
  });

  it('the API contract accepts exactly the stage numbers (its regexes cannot derive; this test holds them to the list)', () => {
    for (const schema of [RunOptionsRequestSchema, ScheduleRunOptionsSchema]) {
      expect(schema.safeParse({ stages: `1-${N}` }).success).toBe(true);
      expect(schema.safeParse({ stages: [...STAGE_NUMBERS] }).success).toBe(true);
      expect(schema.safeParse({ stages: String(N + 1) }).success).toBe(false);
      expect(schema.safeParse({ stages: [N + 1] }).success).toBe(false);
    }
  });
});

describe('run results are saved by stage key', () => {
  it('emptyResults is keyed by key; views re-key by number; old number-keyed JSON reads as keys', () => {
    const empty = emptyResults();
    expect(Object.keys(empty)).toEqual(STAGES.map((s) => s.key));
    const legacy = resultsFromJson({
      '4': { ...empty.write, done: 3 },
      review: { ...empty.review, done: 2 },
      '99': {},
    });
    expect(Object.keys(legacy)).toEqual(STAGES.map((s) => s.key));
    expect([legacy.write!.done, legacy.review!.done, legacy.write!.stage]).toEqual([3, 2, 4]);
    const view = resultsByNumber(legacy);
    expect(Object.keys(view)).toEqual(STAGES.map((s) => String(s.n)));
    expect(view['4']).toBe(legacy.write);
    expect(resultsFromJson(view)).toEqual(legacy);
    expect(resultsFromJson('not an object')).toEqual(empty);
  });
});
