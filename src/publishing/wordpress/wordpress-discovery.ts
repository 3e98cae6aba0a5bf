import { Igny8Error } from '../../errors/index.js';
import type { WpErrorBody } from './wordpress-errors.js';

/** One HTTP answer after retries, as the transport hands it on. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  url: string;
  text: string;
  attempts: number;
  retryAfterMs: number | undefined;
  mayHaveApplied: boolean;
}

/** Where the site's REST API lives, found once per client. */
export interface WpRestRoot {
  /** e.g. https://blog.example.com/wp-json/ or https://blog.example.com/?rest_route=/ */
  restRoot: string;
  prettyPermalinks: boolean;
  /** The REST index (GET /): name, home, namespaces, routes, authentication. */
  index: Record<string, unknown>;
}

/** JSON of an answer: null when empty, undefined when it is not JSON. */
export function parseJsonLenient(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    // Sites with display_errors on print PHP notices before the JSON; skip them.
    const start = text.search(/[[{]"|\[\]|\{\}|\[\{/);
    if (start > 0) {
      try {
        return JSON.parse(text.slice(start));
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

function isRestIndex(data: unknown): data is Record<string, unknown> {
  return !!data && typeof data === 'object' && Array.isArray((data as { namespaces?: unknown }).namespaces);
}

/** A WordPress error body: { code, message, data }. */
export function isWpError(data: unknown): data is WpErrorBody {
  return !!data && typeof data === 'object' && typeof (data as { code?: unknown }).code === 'string';
}

/** The REST root WordPress advertises: Link: <…/wp-json/>; rel="https://api.w.org/" */
function apiLink(headers: Headers): string | undefined {
  const link = headers.get('link') ?? '';
  return /<([^>]+)>\s*;\s*rel="https:\/\/api\.w\.org\/"/.exec(link)?.[1];
}

/** `link` resolved against the site, if it stays on the site's origin (our credentials go where the root is). */
function sameOrigin(link: string | undefined, site: string): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link, `${site}/`);
    return url.origin === new URL(site).origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Find the site's REST root: /wp-json/ (pretty permalinks); else /?rest_route=/, where the root the
 * site advertises in its Link header tells plain permalinks (a ?rest_route= root) from a custom
 * REST prefix or a blocked /wp-json/.
 */
export async function discoverRestRoot(
  site: string,
  get: (url: string) => Promise<RawAnswer>,
  fail: (answer: RawAnswer, data: unknown) => Igny8Error,
): Promise<WpRestRoot> {
  const pretty = await get(`${site}/wp-json/`);
  const prettyData = parseJsonLenient(pretty.text);
  if (pretty.status < 300 && isRestIndex(prettyData)) {
    const restRoot = pretty.url.endsWith('/') ? pretty.url : `${pretty.url}/`;
    return { restRoot, prettyPermalinks: true, index: prettyData };
  }
  // A login wall with our credentials refused, a rate limit or a broken server: say that, not "no REST".
  if ((pretty.status === 401 && isWpError(prettyData)) || pretty.status === 429 || pretty.status >= 500) {
    throw fail(pretty, prettyData);
  }
  const plain = await get(`${site}/?rest_route=/`);
  const plainData = parseJsonLenient(plain.text);
  if (plain.status < 300 && isRestIndex(plainData)) {
    const advertised = sameOrigin(apiLink(plain.headers), site);
    if (!advertised || advertised.includes('rest_route=')) {
      return { restRoot: `${site}/?rest_route=/`, prettyPermalinks: false, index: plainData };
    }
    // Pretty permalinks with a custom REST prefix: use the root the site advertises.
    const custom = await get(advertised);
    const customData = parseJsonLenient(custom.text);
    if (custom.status < 300 && isRestIndex(customData)) {
      return {
        restRoot: advertised.endsWith('/') ? advertised : `${advertised}/`,
        prettyPermalinks: true,
        index: customData,
      };
    }
    throw new Igny8Error(
      'WP_REST_UNAVAILABLE',
      `${site} has permalinks on but its REST API path ${advertised} does not answer`,
      {
        hint: 'A server rule or security plugin blocks /wp-json/; allow it for this client.',
        details: { site, status: custom.status },
      },
    );
  }
  if (plain.status === 401 && isWpError(plainData)) throw fail(plain, plainData);
  throw new Igny8Error(
    'WP_REST_UNAVAILABLE',
    `${site} does not answer as a WordPress REST API (/wp-json/: HTTP ${pretty.status}; /?rest_route=/: HTTP ${plain.status})`,
    {
      hint: 'Check that the URL is the WordPress site address (Settings → General) and that no plugin or firewall disables the REST API.',
      details: { site, statuses: [pretty.status, plain.status] },
    },
  );
}
