import { describe, expect, it } from 'vitest';
import { runCost } from '../../src/automation/index.js';
import { renderRunCost } from './render-estimate.js';

type StageUsage = Parameters<typeof runCost>[1][number];

const usage = (stage: number, usd: number, usdBatchSaved: number): StageUsage => ({
  stage,
  calls: 2,
  credits: 10,
  usd,
  usdCacheSaved: 0,
  usdBatchSaved,
  tokensIn: 1000,
  tokensCached: 0,
  tokensCacheWrite: 0,
  images: 0,
});

describe('runs show --cost: batch savings', () => {
  it('sums what the batch API saved per stage into the total and prints both', () => {
    const cost = runCost('run1', [usage(2, 0.01, 0.01), usage(4, 0.05, 0.0375)], 2);
    expect(cost.stages.map((s) => s.usdBatchSaved)).toEqual([0.01, 0.0375]);
    expect(cost.total.usdBatchSaved).toBeCloseTo(0.0475, 9);
    const text = renderRunCost(cost);
    expect(text).toContain('BATCH SAVED');
    expect(text).toContain('$0.0375');
    expect(text).toContain('batch API saved $0.0475');
  });

  it('shows no batch saving for a synchronous run', () => {
    const cost = runCost('run2', [usage(4, 0.05, 0)], 1);
    expect(cost.total.usdBatchSaved).toBe(0);
    expect(renderRunCost(cost)).toContain('batch API saved $0.0000');
  });
});
