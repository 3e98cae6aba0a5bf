import type { MergePlan } from '../api-contract/refresh-candidates.schema.js';

export const REDIRECT_FORMATS = ['csv', 'nginx', 'json'] as const;
export type RedirectFormat = (typeof REDIRECT_FORMATS)[number];

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Pure: a merge plan's redirects as a file to apply by hand.
 * - `csv`: the WordPress Redirection plugin's import format (Tools → Import): `source,target,regex,code`,
 *   source a path, regex 0, code 301.
 * - `nginx`: one `location` per page, matching the path with or without its trailing slash,
 *   `return 301` to the page kept (paste inside the site's `server { }` block).
 * - `json`: the whole plan.
 * @example renderRedirects(plan, 'nginx')
 */
export function renderRedirects(plan: MergePlan, format: RedirectFormat): string {
  if (format === 'json') return `${JSON.stringify(plan, null, 2)}\n`;
  if (format === 'csv')
    return [
      'source,target,regex,code',
      ...plan.redirects.map((r) => [r.from, r.to, '0', String(r.code)].map(csvCell).join(',')),
    ]
      .map((l) => `${l}\n`)
      .join('');
  const header = `# igny8 merge plan${plan.query ? ` for "${plan.query.replace(/[\r\n]/g, ' ')}"` : ''}: keep ${plan.keep?.url ?? '(none)'}\n`;
  return (
    header +
    plan.redirects
      .map((r) => {
        const path = regexEscape(r.from.replace(/\/+$/, '')).replace(/"/g, '\\"');
        return `location ~ "^${path}/?$" {\n    return 301 ${r.to.replace(/[\s;{}]/g, encodeURIComponent)};\n}\n`;
      })
      .join('')
  );
}
