import type { Destination } from './destination.types.js';
import { SEO_PLUGINS, type WpConnectionProblem, type WpConnectionReport } from './wordpress/index.js';

type TestResult = Awaited<ReturnType<Destination['test']>>;
type Check = TestResult['checks'][number];

function problem(report: WpConnectionReport, codes: string[]): WpConnectionProblem | undefined {
  return report.problems.find((p) => codes.includes(p.code));
}

function check(name: string, ok: boolean, detail: string, p?: WpConnectionProblem): Check {
  return { name, ok, detail: ok || !p ? detail : p.message, ...(!ok && p?.hint ? { hint: p.hint } : {}) };
}

/** What the SEO check says: which plugin's fields a publish writes, or why none. */
function seoDetail(report: WpConnectionReport): { ok: boolean; detail: string } {
  const seo = report.seo;
  if (!seo) return { ok: false, detail: 'not checked (the post schema could not be read)' };
  const target = seo.plugins.find((p) => p.plugin === seo.target);
  if (target) {
    const fields = Object.keys(target.writable).join(', ');
    const missing = target.missing.length ? `; not writable: ${target.missing.join(', ')}` : '';
    // AIOSEO 4 renders from its own table; the post meta are the copies it keeps for translation plugins.
    const aioseo =
      target.plugin === 'aioseo' && target.active
        ? ' (All in One SEO shows the values from its own table; these are its post-meta copies)'
        : '';
    return { ok: true, detail: `${target.name}: ${fields} writable${missing}${aioseo}` };
  }
  if (seo.plugins.length) {
    const names = seo.plugins.map((p) => p.name).join(', ');
    return { ok: false, detail: `${names} active but exposes no fields over the REST API` };
  }
  const known = Object.values(SEO_PLUGINS)
    .map((p) => p.name)
    .join(', ');
  return {
    ok: false,
    detail: `no SEO plugin fields exposed (${known}); SEO title/description are not written`,
  };
}

/** What the companion plugin would unlock on this site, or that it is installed / not needed. */
function companionCheck(report: WpConnectionReport): Check | null {
  const seo = report.seo;
  if (!seo) return null;
  if (seo.companion) {
    const how = seo.writeAll
      ? 'no SEO plugin is running, so every plugin’s fields are written'
      : `fields of ${seo.plugins.find((p) => p.plugin === seo.target)?.name ?? 'the running plugin'} are written`;
    return { name: 'seo-companion', ok: true, detail: `igny8-seo-fields.php installed; ${how}` };
  }
  const target = seo.plugins.find((p) => p.plugin === seo.target);
  if (target && target.missing.length === 0) {
    return { name: 'seo-companion', ok: true, detail: `not needed: ${target.name} exposes every field` };
  }
  const active = seo.plugins.filter((p) => p.active).map((p) => p.name);
  const unlock = active.length
    ? `${active.join(', ')}: SEO title, meta description and focus keyword`
    : 'SEO title, meta description and focus keyword for Yoast SEO, Rank Math, SEOPress and All in One SEO';
  return {
    name: 'seo-companion',
    ok: false,
    detail: `companion plugin igny8-seo-fields.php missing; it would unlock ${unlock}`,
    hint: 'Run `igny8 wp plugin --out DIR` and copy DIR/igny8-seo-fields.php into wp-content/mu-plugins/ on the site.',
  };
}

/**
 * How JSON-LD reaches the page, when it is not the usual script in the content: through the
 * companion plugin, or not at all for a user WordPress strips scripts from (a warning).
 */
function jsonLdCheck(report: WpConnectionReport): Check | null {
  const route = report.jsonLd;
  if (!route || route.via === 'content') return null;
  if (route.via === 'meta') {
    return { name: 'json-ld', ok: true, detail: 'printed in the page head by igny8-seo-fields.php' };
  }
  return {
    name: 'json-ld',
    ok: false,
    detail: route.warning ?? 'JSON-LD is not published for this user',
    hint: 'Run `igny8 wp plugin --out DIR` and copy DIR/igny8-seo-fields.php (1.1 or later) into wp-content/mu-plugins/ on the site.',
  };
}

/**
 * Pure: the connection report as the destination test's checks — REST API, permalinks, users/me,
 * capabilities, SEO fields, JSON-LD. `ok` follows the report (SEO fields or JSON-LD missing is a
 * warning, not a failure).
 */
export function wordpressTestResult(report: WpConnectionReport): TestResult {
  const user = report.user;
  const caps = user
    ? [
        user.canPublish ? 'publish posts' : null,
        user.canUpload ? 'upload files' : null,
        user.canCreateTerms ? 'create categories/tags' : null,
      ].filter(Boolean)
    : [];
  const seo = seoDetail(report);
  const seoProblem = report.problems.find((p) => p.severity === 'warning' && p.code !== 'WP_FORBIDDEN');
  const checks: Check[] = [
    check(
      'rest',
      report.rest,
      `REST API at ${report.restRoot ?? '?'}`,
      problem(report, ['WP_UNREACHABLE', 'WP_REST_UNAVAILABLE', 'WP_SERVER_ERROR', 'WP_RATE_LIMITED']),
    ),
    check(
      'permalinks',
      report.prettyPermalinks === true,
      report.prettyPermalinks === null ? 'not checked' : 'pretty permalinks on',
      problem(report, ['WP_PERMALINKS']),
    ),
    check(
      'users/me',
      user !== null,
      user ? `${user.name} (#${user.id}, ${user.roles.join(', ') || 'no role'})` : 'not checked',
      problem(report, ['WP_AUTH_FAILED']),
    ),
    check(
      'capabilities',
      user !== null && user.canPublish && user.canUpload,
      user ? `may ${caps.join(', ') || 'nothing useful'}` : 'not checked',
      problem(report, ['WP_FORBIDDEN']),
    ),
    { name: 'seo-fields', ok: seo.ok, detail: seoProblem ? seoProblem.message : seo.detail },
  ];
  const companion = companionCheck(report);
  if (companion) checks.push(companion);
  const jsonLd = jsonLdCheck(report);
  if (jsonLd) checks.push(jsonLd);
  return { ok: report.ok, checks, details: { report } };
}
