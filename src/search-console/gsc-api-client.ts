import { Igny8Error } from '../errors/index.js';
import type { ServiceAccountKey } from './service-account-key.js';

export interface GscApiOptions {
  apiBaseUrl: string;
  tokenUrl: string;
  /** Retries of a 429/5xx answer. */
  retries: number;
  /** First backoff; doubles per retry (tests: 1 ms). Retry-After wins when Google sends it (capped). */
  retryBaseMs?: number;
}

/** One row of searchAnalytics.query with dimensions [date, page, query]. */
export interface GscApiRow {
  keys: [string, string, string];
  clicks: number;
  impressions: number;
  position: number;
}

const SCOPE = 'https://www.googleapis.com/auth/webmasters.readonly';
/** google-auth-library posts service-account assertions here; tests point it elsewhere. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const ROW_LIMIT = 25_000;
const MAX_WAIT_MS = 30_000;

export interface GscApiClient {
  /** Every row of one day range, page after page (startRow), with retries. */
  queryDays(property: string, startDate: string, endDate: string): Promise<GscApiRow[]>;
}

/**
 * The Search Console API for one service account: tokens from Google's own auth library (a JWT
 * bearer grant signed with the key), searchAnalytics.query over fetch with our retry policy —
 * 429/5xx retried with backoff, a 401 answered by one fresh token, a 403 explained.
 * @example const api = await createGscApiClient(key, opts); await api.queryDays('sc-domain:example.com', '2026-01-01', '2026-01-01')
 */
export async function createGscApiClient(key: ServiceAccountKey, opts: GscApiOptions): Promise<GscApiClient> {
  const { JWT } = await import('google-auth-library');
  const jwt = new JWT({ email: key.client_email, key: key.private_key, scopes: [SCOPE] });
  if (opts.tokenUrl !== GOOGLE_TOKEN_URL) {
    // The library has no token-URL option for service accounts: its transporter is redirected.
    jwt.transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(opts.tokenUrl);
        return config;
      },
    });
  }
  const base = opts.apiBaseUrl.replace(/\/+$/, '');
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function bearer(): Promise<string> {
    try {
      const { token } = await jwt.getAccessToken();
      if (!token) throw new Error('no access token in the answer');
      return token;
    } catch (cause) {
      throw new Igny8Error(
        'GSC_AUTH_FAILED',
        `Google refused the service account ${key.client_email}: ${tokenError(cause)}`,
        {
          hint: 'Check that the key is current (not deleted in Google Cloud) and the Search Console API is enabled for its project; connect again with a new key if needed.',
          cause,
        },
      );
    }
  }

  async function post(property: string, body: object): Promise<{ rows?: GscApiRow[] }> {
    const url = `${base}/webmasters/v3/sites/${encodeURIComponent(property)}/searchAnalytics/query`;
    let reauthed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await bearer();
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      } catch (cause) {
        if (attempt < opts.retries) {
          await wait(backoff(attempt, null));
          continue;
        }
        throw new Igny8Error(
          'GSC_API_FAILED',
          `Search Console API unreachable: ${(cause as Error).message}`,
          {
            hint: 'Check the network and try again.',
            cause,
          },
        );
      }
      if (res.ok) return (await res.json()) as { rows?: GscApiRow[] };
      const text = await res.text();
      if (res.status === 401 && !reauthed) {
        // The token was revoked or expired early: one fresh token (an expired date makes the
        // library skip its cached one), then give up.
        reauthed = true;
        jwt.credentials = { ...jwt.credentials, access_token: null, expiry_date: 1 };
        continue;
      }
      if ((res.status === 429 || res.status >= 500) && attempt < opts.retries) {
        await wait(backoff(attempt, res.headers.get('retry-after')));
        continue;
      }
      throw apiError(res.status, text, property, key.client_email);
    }
  }

  function backoff(attempt: number, retryAfter: string | null): number {
    const told = retryAfter !== null ? Number(retryAfter) * 1000 : NaN;
    const ms = Number.isFinite(told) ? told : (opts.retryBaseMs ?? 1000) * 2 ** attempt;
    return Math.min(ms, MAX_WAIT_MS);
  }

  return {
    async queryDays(property, startDate, endDate) {
      const out: GscApiRow[] = [];
      for (let startRow = 0; ; startRow += ROW_LIMIT) {
        const page = await post(property, {
          startDate,
          endDate,
          dimensions: ['date', 'page', 'query'],
          type: 'web',
          dataState: 'final',
          rowLimit: ROW_LIMIT,
          startRow,
        });
        const rows = page.rows ?? [];
        for (const r of rows) out.push(r);
        if (rows.length < ROW_LIMIT) return out;
      }
    },
  };
}

function tokenError(cause: unknown): string {
  const data = (cause as { response?: { data?: { error?: string; error_description?: string } } }).response
    ?.data;
  if (data?.error) return `${data.error}${data.error_description ? ` (${data.error_description})` : ''}`;
  return (cause as Error).message;
}

function apiError(status: number, text: string, property: string, email: string): Igny8Error {
  let message = text.slice(0, 300);
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // Not JSON: the raw text (clipped) says enough.
  }
  if (status === 403 || status === 404)
    return new Igny8Error('GSC_FORBIDDEN', `Search Console refused ${property}: ${message}`, {
      hint: `In Search Console → Settings → Users and permissions of ${property}, add ${email} (Restricted is enough); check the property name (sc-domain:example.com or https://example.com/).`,
      details: { status },
    });
  if (status === 401)
    return new Igny8Error('GSC_AUTH_FAILED', `Search Console rejected the access token twice: ${message}`, {
      hint: 'Connect again with a current key (`igny8 gsc connect`).',
      details: { status },
    });
  return new Igny8Error('GSC_API_FAILED', `Search Console API answered ${status}: ${message}`, {
    hint: status === 429 ? 'The quota is spent for now: pull again later.' : 'Try again later.',
    details: { status },
  });
}
