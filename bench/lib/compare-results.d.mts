// Types of compare-results.mjs, for the tests that import it.
export type Better = 'lower' | 'higher';

export interface FigureComparison {
  figure: string;
  better: Better;
  base: number;
  now: number;
  /** now / base; null when base is 0 and now is not. */
  ratio: number | null;
  regressed: boolean;
}

export interface ComparisonReport {
  threshold: number;
  compared: number;
  regressions: number;
  figures: FigureComparison[];
  onlyInBase: string[];
  onlyInNow: string[];
}

export function directionOf(key: string): Better | null;
export function flattenFigures(results: unknown): Map<string, { value: number; better: Better }>;
export function compareResults(
  base: unknown,
  now: unknown,
  options?: { threshold?: number },
): ComparisonReport;
