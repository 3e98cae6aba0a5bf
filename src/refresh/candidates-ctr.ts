/**
 * Expected click-through rate by organic position: a conservative curve after the published
 * industry studies (position 1 ≈ 28%, 3 ≈ 10%, 10 ≈ 2%, page two ≈ 1% and falling). It only has to
 * order opportunities sensibly, not predict clicks; between whole positions it interpolates.
 */
const CURVE = [0.28, 0.15, 0.1, 0.07, 0.05, 0.04, 0.03, 0.025, 0.02, 0.018];

/** Pure: expected CTR (0–1) at an average position (1 = top). @example ctrAt(3) // 0.1 */
export function ctrAt(position: number): number {
  if (!Number.isFinite(position) || position <= 1) return CURVE[0]!;
  if (position > 10) return Math.max(0.002, 0.012 - (position - 11) * 0.001);
  const lo = Math.floor(position);
  const a = CURVE[lo - 1]!;
  const b = CURVE[Math.min(lo, CURVE.length - 1)]!;
  return a + (b - a) * (position - lo);
}

/** Round for display and for stable scores (2 decimals). */
export const round2 = (n: number): number => Math.round(n * 100) / 100;
/** Thousands separators for reasons ("1,450"). */
export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
