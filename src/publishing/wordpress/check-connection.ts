import { Igny8Error, isIgny8Error, type ErrorCode } from '../../errors/index.js';
import { canPostScripts } from './can-post-scripts.js';
import { chooseJsonLdRoute, jsonLdMetaExposed, type JsonLdRoute } from './json-ld-route.js';
import { detectSeoSupport, type SeoSupport } from './seo-fields.js';
import type { WordPressClient } from './wordpress-client.js';

export interface WpConnectionProblem {
  code: ErrorCode;
  /** `error`: publishing cannot work; `warning`: it works with less (no new terms, no SEO fields). */
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
}

export interface WpConnectionReport {
  /** No problem of severity error. */
  ok: boolean;
  site: string;
  restRoot: string | null;
  siteName: string | null;
  /** The REST API answered. */
  rest: boolean;
  /** null when the REST API could not be reached at all. */
  prettyPermalinks: boolean | null;
  user: {
    id: number;
    name: string;
    roles: string[];
    canPublish: boolean;
    canUpload: boolean;
    /** May create categories and tags (manage_categories). */
    canCreateTerms: boolean;
  } | null;
  seo: SeoSupport | null;
  /** How a publish carries JSON-LD for this user (null when the post schema could not be read). */
  jsonLd: JsonLdRoute | null;
  problems: WpConnectionProblem[];
}

function problemOf(err: unknown): WpConnectionProblem {
  if (!isIgny8Error(err)) throw err;
  return { code: err.code, severity: 'error', message: err.message, ...(err.hint ? { hint: err.hint } : {}) };
}

/**
 * Everything `igny8 wp test` checks, as a report rather than a first failure: REST API reachable,
 * credentials (users/me), pretty permalinks, the user's capabilities, which SEO plugin fields
 * are writable, and how JSON-LD reaches the page. Unexpected (non-Igny8) errors are bugs and are thrown.
 */
export async function checkConnection(client: WordPressClient): Promise<WpConnectionReport> {
  const report: WpConnectionReport = {
    ok: false,
    site: client.site,
    restRoot: null,
    siteName: null,
    rest: false,
    prettyPermalinks: null,
    user: null,
    seo: null,
    jsonLd: null,
    problems: [],
  };
  const finish = () => ({ ...report, ok: !report.problems.some((p) => p.severity === 'error') });
  let namespaces: string[];
  let capabilities: Record<string, boolean>;
  try {
    const d = await client.discover();
    Object.assign(report, {
      restRoot: d.restRoot,
      siteName: d.name,
      rest: true,
      prettyPermalinks: d.prettyPermalinks,
    });
    namespaces = d.namespaces;
  } catch (err) {
    report.problems.push(problemOf(err));
    return finish();
  }
  if (!report.prettyPermalinks) {
    report.problems.push({
      code: 'WP_PERMALINKS',
      severity: 'error',
      message: `${client.site} uses plain permalinks (post addresses like ?p=123)`,
      hint: 'In WordPress open Settings → Permalinks, choose "Post name" and save.',
    });
  }
  try {
    const me = await client.me({ allowPlainPermalinks: true });
    capabilities = me.capabilities;
    const can = (cap: string) => me.capabilities[cap] === true;
    report.user = {
      id: me.id,
      name: me.name,
      roles: me.roles,
      canPublish: can('publish_posts'),
      canUpload: can('upload_files'),
      canCreateTerms: can('manage_categories'),
    };
  } catch (err) {
    report.problems.push(problemOf(err));
    return finish();
  }
  const { user } = report;
  const roleHint = 'Give the user the Editor or Administrator role under Users → All Users.';
  if (!user.canPublish || !user.canUpload) {
    const missing = [!user.canPublish && 'publish posts', !user.canUpload && 'upload files'].filter(Boolean);
    report.problems.push({
      code: 'WP_FORBIDDEN',
      severity: 'error',
      message: `WordPress user "${user.name}" may not ${missing.join(' or ')}`,
      hint: roleHint,
    });
  }
  if (!user.canCreateTerms) {
    report.problems.push({
      code: 'WP_FORBIDDEN',
      severity: 'warning',
      message: `WordPress user "${user.name}" may not create categories or tags; only existing ones can be used`,
      hint: roleHint,
    });
  }
  try {
    const postSchema = await client.postSchema({ allowPlainPermalinks: true });
    report.seo = detectSeoSupport({ namespaces, postSchema });
    const metaKey = jsonLdMetaExposed(postSchema);
    report.jsonLd = chooseJsonLdRoute({
      metaKey,
      unfilteredHtml: metaKey
        ? null
        : await canPostScripts(client, { allowPlainPermalinks: true, capabilities }),
    });
  } catch (err) {
    report.problems.push({ ...problemOf(err), severity: 'warning' });
  }
  return finish();
}

/** The first error of a report as an Igny8Error (what `igny8 wp test` fails with), or null. */
export function connectionError(report: WpConnectionReport): Igny8Error | null {
  const first = report.problems.find((p) => p.severity === 'error');
  if (!first) return null;
  return new Igny8Error(first.code, first.message, {
    ...(first.hint ? { hint: first.hint } : {}),
    details: { site: report.site },
  });
}
