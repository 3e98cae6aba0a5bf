// Figure-by-figure comparison of two bench/results.json files: which figures got worse, and by how
// much. Pure functions; bench/compare.mjs reads the files and prints the report.

/** Subtrees that are not this code's figures: targets, limits, same-run baselines, provider tallies. */
const SKIP_KEY = /^(target.*|limit|met|partial_run|provider|byOutcome|baseline.*|notes?)$/;

/** Numbers that set up a bench or describe the machine rather than measure the code. */
const PARAMETER =
  /^(cpus|file_mb|latency_ms|steady_window_s|ideal_per_s|load_generator_cpu_share|seed_seconds)$/;

/**
 * Higher is better: throughput, speed-ups, coverage, shares of an ideal or of a limit. Checked
 * before LOWER, so `ratio_vs_ideal` is higher-is-better while a plain `*ratio*` is a cost ratio.
 */
const HIGHER =
  /(throughput|per_s$|per_s_|per_second|per_minute|speedup|coverage|ratio_vs_ideal|achieved_ratio|^ratio_vs_bare_http$|^items_per_s$)/;

/** Lower is better: times, CPU, memory, sizes, growth, cost ratios, errors and failures. */
const LOWER =
  /(_ms$|_ms_|^ms$|_s$|_s_|seconds|cpu|rss|_mb$|_mb_|bytes|growth|ratio|share|429|errors|failed|_us_|usd|cost)/;

/** Counts and parameters (items, concurrency, keywords, rows …) are not figures: null. */
export function directionOf(key) {
  if (PARAMETER.test(key)) return null;
  if (HIGHER.test(key)) return 'higher';
  if (LOWER.test(key)) return 'lower';
  return null;
}

/** A label for each array element: its short string fields ("narrow,csv"), else its first unique field. */
function elementLabels(array) {
  const objects = array.every((x) => x && typeof x === 'object' && !Array.isArray(x));
  if (!objects) return array.map((_, i) => String(i));
  const unique = (labels) => new Set(labels).size === labels.length && labels.every(Boolean);
  // Short string fields name an element (layout, format, route); notes and descriptions do not, nor
  // does a field with one value in every element (a bench that adds `parse: 'worker'` to each case
  // still compares with results from before the field existed).
  const naming = (k, v) => typeof v === 'string' && v.length <= 40 && !/note|what|description/.test(k);
  const varies = (k) => array.length < 2 || new Set(array.map((o) => o[k])).size > 1;
  const strings = array.map((o) =>
    Object.entries(o)
      .filter(([k, v]) => naming(k, v) && varies(k))
      .map(([, v]) => v)
      .join(','),
  );
  if (unique(strings)) return strings;
  for (const key of Object.keys(array[0] ?? {})) {
    const labels = array.map((o) =>
      typeof o[key] === 'number' || typeof o[key] === 'string' ? `${key}=${o[key]}` : '',
    );
    if (unique(labels)) return labels;
  }
  return array.map((_, i) => String(i));
}

/**
 * Every figure of a results file as path → { value, better }: results are named by their id (P1),
 * array elements by a label, so a reordered or added size compares with its own kind.
 * @example flattenFigures({ results: [{ id: 'P6', help: { wall_median_ms: 108 } }] })
 *   // Map { 'P6.help.wall_median_ms' => { value: 108, better: 'lower' } }
 */
export function flattenFigures(results) {
  const out = new Map();
  const walk = (value, path, key, depth) => {
    if (typeof value === 'number') {
      const better = directionOf(key);
      // A bench's own top-level `seconds` is how long the script ran, not a figure of the code.
      if (better && Number.isFinite(value) && !(depth === 1 && key === 'seconds'))
        out.set(path, { value, better });
      return;
    }
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      const labels = elementLabels(value);
      value.forEach((v, i) => walk(v, `${path}[${labels[i]}]`, key, depth + 1));
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      if (SKIP_KEY.test(k)) continue;
      walk(v, `${path}.${k}`, k, depth + 1);
    }
  };
  for (const r of results?.results ?? []) walk(r, String(r.id ?? r.file), '', 0);
  return out;
}

const round = (n) => Math.round(n * 10_000) / 10_000;

/**
 * Compare two results files. `ratio` is now / base; a figure regresses when it is worse by more
 * than `threshold` (0.10: a lower-is-better figure above 1.10× its base, a higher-is-better one
 * below 0.90×). A lower-is-better figure that was 0 and is not any more regresses (ratio null).
 */
export function compareResults(base, now, { threshold = 0.1 } = {}) {
  const a = flattenFigures(base);
  const b = flattenFigures(now);
  const figures = [];
  for (const [figure, { value: was, better }] of a) {
    const cur = b.get(figure);
    if (!cur) continue;
    const is = cur.value;
    let ratio;
    let regressed;
    if (was === 0) {
      ratio = is === 0 ? 1 : null;
      regressed = better === 'lower' ? is > 0 : false;
    } else {
      ratio = is / was;
      // A sign change (a figure that can be negative) counts by direction alone.
      regressed = better === 'lower' ? ratio > 1 + threshold : ratio < 1 - threshold;
      if (ratio < 0) regressed = better === 'lower' ? is > was : is < was;
    }
    figures.push({
      figure,
      better,
      base: was,
      now: is,
      ratio: ratio === null ? null : round(ratio),
      regressed,
    });
  }
  return {
    threshold,
    compared: figures.length,
    regressions: figures.filter((f) => f.regressed).length,
    figures,
    onlyInBase: [...a.keys()].filter((k) => !b.has(k)),
    onlyInNow: [...b.keys()].filter((k) => !a.has(k)),
  };
}
