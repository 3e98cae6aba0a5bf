import type * as Entities from 'entities';
import { lazyRequire } from '../../util/lazy-require.js';
import { htmlPlainText } from '../../util/html-plain-text.js';
import { Igny8Error } from '../../errors/index.js';
import type { WpFailureKind } from './retry-policy.js';

/** What a failed request was, for messages. Never holds credentials. */
export interface WpRequestContext {
  /** Site address without credentials, e.g. https://blog.example.com */
  site: string;
  user: string;
  method: string;
  /** REST route, e.g. /wp/v2/posts */
  route: string;
}

/** The JSON error body WordPress sends: { code, message, data: { status, … } }. */
export interface WpErrorBody {
  code?: string;
  message?: string;
  data?: { status?: number; params?: Record<string, string>; [key: string]: unknown } | null;
}

export interface NetworkFailure {
  kind: Extract<WpFailureKind, 'not_sent' | 'lost'>;
  /** No point retrying (host not found, bad certificate). */
  permanent: boolean;
  reason: string;
  code: string | undefined;
}

const NOT_SENT = new Set([
  'ECONNREFUSED',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
};

/** The first error code in err's cause chain (undici nests them, sometimes in an AggregateError). */
function errorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 5) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string') return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = errorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return errorCode(e.cause, depth + 1);
}

/** Classify a fetch failure: did the request reach the site, and is it worth retrying? */
export function classifyNetworkError(err: unknown, timeoutMs: number): NetworkFailure {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'TimeoutError') {
    return { kind: 'lost', permanent: false, reason: `no answer within ${timeoutMs} ms`, code: 'TIMEOUT' };
  }
  const code = errorCode(err);
  if (
    code &&
    (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')
  ) {
    return { kind: 'not_sent', permanent: true, reason: `TLS certificate problem (${code})`, code };
  }
  if (code === 'ENOTFOUND') return { kind: 'not_sent', permanent: true, reason: REASONS[code]!, code };
  if (code && NOT_SENT.has(code))
    return { kind: 'not_sent', permanent: false, reason: REASONS[code] ?? code, code };
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'lost', permanent: false, reason: code ? (REASONS[code] ?? code) : message, code };
}

/** WP_UNREACHABLE for a request that got no HTTP answer. */
export function unreachableError(
  ctx: WpRequestContext,
  failure: NetworkFailure,
  attempts: number,
): Igny8Error {
  const hint = failure.reason.startsWith('TLS')
    ? "The site's HTTPS certificate is not valid here; fix the certificate or use the address it is issued for."
    : failure.code === 'TIMEOUT'
      ? 'The site is slow or overloaded; try again later, or raise the WordPress timeout.'
      : 'Check the site URL and that the site is up and reachable from this machine.';
  return new Igny8Error('WP_UNREACHABLE', `Could not reach WordPress at ${ctx.site}: ${failure.reason}`, {
    hint,
    details: { site: ctx.site, method: ctx.method, route: ctx.route, cause: failure.code, attempts },
  });
}

/** Plain text of a WordPress message (they may carry HTML and entities). */
export function plainText(text: string): string {
  return htmlPlainText(text);
}

/** Decode the HTML entities WordPress uses in names and messages. */
const entities = lazyRequire<typeof Entities>('entities');

export function decodeEntities(text: string): string {
  return entities().decodeHTML(text);
}

const AUTH_HINT =
  'Check the application password; create one under Users → Profile → Application Passwords ' +
  '(it is not the login password). If it is right, the server may be stripping the Authorization ' +
  'header, or application passwords may be off (they need HTTPS on a live site).';

/** Map an HTTP error answer to the catalog. `body` is null when the answer was not WordPress JSON. */
export function httpError(
  ctx: WpRequestContext,
  status: number,
  body: WpErrorBody | null,
  extra: { retryAfterMs?: number; attempts: number; mayHaveApplied?: boolean },
): Igny8Error {
  const wpCode = body?.code;
  const wpMessage = body?.message ? plainText(body.message) : undefined;
  const details = {
    site: ctx.site,
    method: ctx.method,
    route: ctx.route,
    status,
    wpCode,
    attempts: extra.attempts,
    ...(body?.data?.params ? { params: body.data.params } : {}),
    // term_exists names the term that is already there.
    ...(typeof body?.data?.term_id === 'number' ? { termId: body.data.term_id } : {}),
    ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
    ...(extra.mayHaveApplied ? { mayHaveApplied: true } : {}),
  };
  const what = `${ctx.method} ${ctx.route}`;
  const said = wpMessage ? `: ${wpMessage}` : '';
  if (status === 401) {
    return new Igny8Error(
      'WP_AUTH_FAILED',
      `WordPress at ${ctx.site} rejected the login of user "${ctx.user}" (${wpCode ?? status})`,
      { hint: AUTH_HINT, details },
    );
  }
  // Rate limits, server errors and size limits are what they are, whoever wrote the body (a proxy,
  // a PHP fatal error page).
  if (status === 429) {
    return new Igny8Error('WP_RATE_LIMITED', `WordPress at ${ctx.site} is rate limiting requests (${what})`, {
      hint: 'Lower publishing concurrency or try again later.',
      details,
    });
  }
  if (status >= 500) {
    return new Igny8Error(
      'WP_SERVER_ERROR',
      `WordPress at ${ctx.site} failed on ${what} with HTTP ${status}${said}`,
      {
        hint: extra.mayHaveApplied
          ? 'Not retried because it may have been applied; the publisher looks for the post before trying again.'
          : "Try again later; if it keeps failing, look at the site's PHP error log.",
        details,
      },
    );
  }
  if (status === 413) {
    return new Igny8Error('WP_REQUEST_REJECTED', `WordPress refused ${what}: the request is too large`, {
      hint: 'Raise upload_max_filesize and post_max_size on the server, or send smaller images.',
      details,
    });
  }
  if (!body) {
    return new Igny8Error(
      'WP_REST_UNAVAILABLE',
      `${ctx.site} answered ${what} with HTTP ${status} and no WordPress REST response`,
      {
        hint: 'Check that the URL is the WordPress site and that no firewall or security plugin blocks its REST API (/wp-json/).',
        details,
      },
    );
  }
  if (status === 403) {
    return new Igny8Error('WP_FORBIDDEN', `WordPress user "${ctx.user}" may not ${what}${said}`, {
      hint: 'Give the user a role that may publish and upload (Editor or Administrator) under Users → All Users.',
      details,
    });
  }
  if (status === 404 && wpCode === 'rest_no_route') {
    return new Igny8Error('WP_REST_UNAVAILABLE', `${ctx.site} has no REST route ${ctx.route}`, {
      hint: 'A plugin may have disabled this part of the REST API; re-enable it for authenticated users.',
      details,
    });
  }
  if (status === 404 || status === 410) {
    return new Igny8Error('WP_NOT_FOUND', `WordPress has no such object (${what})${said}`, { details });
  }
  return new Igny8Error('WP_REQUEST_REJECTED', `WordPress rejected ${what}${said} (${wpCode ?? status})`, {
    hint: 'See the fields WordPress named; the content or settings sent may not fit this site.',
    details,
  });
}
