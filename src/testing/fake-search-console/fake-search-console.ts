import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes, verify, type KeyObject } from 'node:crypto';

/** One stored row of the fake property: the API's [date, page, query] dimensions and metrics. */
export interface FakeGscRow {
  date: string;
  page: string;
  query: string;
  clicks: number;
  impressions: number;
  position: number;
}

export interface FakeSearchConsoleOptions {
  /** The service account allowed in: assertions must be signed by its key and issued by its email. */
  clientEmail: string;
  publicKey: KeyObject;
  /** Rows per property (sc-domain:example.com or https://example.com/); other properties answer 403. */
  properties: Record<string, FakeGscRow[]>;
}

export interface FakeSearchConsoleStats {
  tokens: number;
  /** Every searchAnalytics.query body received, in order (faulted ones included). */
  queries: Array<{ property: string; body: Record<string, unknown>; status: number }>;
}

export interface FakeSearchConsole {
  /** Base URL of the API (what config.searchConsole.apiBaseUrl takes). */
  apiBaseUrl: string;
  /** The token endpoint (config.searchConsole.tokenUrl). */
  tokenUrl: string;
  stats: FakeSearchConsoleStats;
  /** Answer the next API calls with these statuses, one each (401 also revokes every issued token). */
  inject(statuses: Array<401 | 403 | 429 | 500 | 503>): void;
  close(): Promise<void>;
}

const GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SCOPE = 'https://www.googleapis.com/auth/webmasters.readonly';
const MAX_ROW_LIMIT = 25_000;

/**
 * A loopback Search Console: Google's OAuth2 token endpoint for service accounts (JWT bearer grant,
 * the assertion's RS256 signature verified with the test key's public half) and
 * searchAnalytics.query with the API's paging (rowLimit ≤ 25,000, startRow), sorted by clicks like
 * Google, with injectable 401/403/429/500/503 answers. Tests drive it through google-auth-library.
 * @example const gsc = await createFakeSearchConsole({ clientEmail, publicKey, properties: { 'sc-domain:example.com': rows } })
 */
export async function createFakeSearchConsole(opts: FakeSearchConsoleOptions): Promise<FakeSearchConsole> {
  const tokens = new Set<string>();
  const faults: number[] = [];
  const stats: FakeSearchConsoleStats = { tokens: 0, queries: [] };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: Error) =>
      send(res, 500, { error: { code: 500, message: err.message } }),
    );
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    if (req.method === 'POST' && url.pathname === '/token') return token(body, res);
    const m = /^\/webmasters\/v3\/sites\/([^/]+)\/searchAnalytics\/query$/.exec(url.pathname);
    if (req.method === 'POST' && m) return query(decodeURIComponent(m[1]!), req, body, res);
    send(res, 404, { error: { code: 404, message: `No route ${req.method} ${url.pathname}` } });
  }

  function token(body: string, res: ServerResponse): void {
    const form = new URLSearchParams(body);
    const refuse = (description: string) =>
      send(res, 400, { error: 'invalid_grant', error_description: description });
    if (form.get('grant_type') !== GRANT) return refuse(`unsupported grant_type ${form.get('grant_type')}`);
    const parts = (form.get('assertion') ?? '').split('.');
    if (parts.length !== 3) return refuse('malformed assertion');
    const [h, p, sig] = parts as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
    if (header.alg !== 'RS256') return refuse(`alg ${header.alg} is not RS256`);
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), opts.publicKey, Buffer.from(sig, 'base64url')))
      return refuse('Invalid JWT Signature.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const now = Date.now() / 1000;
    if (claims.iss !== opts.clientEmail) return refuse(`unknown issuer ${String(claims.iss)}`);
    if (typeof claims.exp !== 'number' || claims.exp < now) return refuse('assertion expired');
    if (
      !String(claims.scope ?? '')
        .split(' ')
        .includes(SCOPE)
    )
      return refuse('missing webmasters scope');
    const access = `ya29.fake-${randomBytes(12).toString('hex')}`;
    tokens.add(access);
    stats.tokens++;
    send(res, 200, { access_token: access, expires_in: 3599, token_type: 'Bearer' });
  }

  function query(property: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    const record = (status: number) => stats.queries.push({ property, body, status });
    const fault = faults.shift();
    if (fault !== undefined) {
      record(fault);
      if (fault === 401) tokens.clear();
      const headers: Record<string, string> = fault === 429 ? { 'retry-after': '0' } : {};
      return send(res, fault, { error: { code: fault, message: `injected ${fault}` } }, headers);
    }
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!auth || !tokens.has(auth)) {
      record(401);
      return send(res, 401, {
        error: { code: 401, message: 'Request had invalid authentication credentials.' },
      });
    }
    const rows = opts.properties[property];
    if (!rows) {
      record(403);
      return send(res, 403, {
        error: { code: 403, message: `User does not have sufficient permission for site '${property}'.` },
      });
    }
    const dims = body.dimensions as unknown;
    const rowLimit = Number(body.rowLimit ?? 1000);
    const startRow = Number(body.startRow ?? 0);
    const bad =
      JSON.stringify(dims) !== '["date","page","query"]'
        ? 'dimensions must be [date, page, query]'
        : !/^\d{4}-\d{2}-\d{2}$/.test(String(body.startDate)) ||
            !/^\d{4}-\d{2}-\d{2}$/.test(String(body.endDate))
          ? 'startDate and endDate are required'
          : !(rowLimit >= 1 && rowLimit <= MAX_ROW_LIMIT)
            ? `rowLimit must be 1..${MAX_ROW_LIMIT}`
            : !(startRow >= 0)
              ? 'startRow must be ≥ 0'
              : null;
    if (bad) {
      record(400);
      return send(res, 400, { error: { code: 400, message: bad } });
    }
    record(200);
    const from = String(body.startDate);
    const to = String(body.endDate);
    const hits = rows
      .filter((r) => r.date >= from && r.date <= to)
      .sort((a, b) => b.clicks - a.clicks || (a.date + a.page + a.query < b.date + b.page + b.query ? -1 : 1))
      .slice(startRow, startRow + rowLimit)
      .map((r) => ({
        keys: [r.date, r.page, r.query],
        clicks: r.clicks,
        impressions: r.impressions,
        ctr: r.impressions ? r.clicks / r.impressions : 0,
        position: r.position,
      }));
    // Like Google: no `rows` key at all past the end.
    send(res, 200, { ...(hits.length ? { rows: hits } : {}), responseAggregationType: 'byPage' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiBaseUrl: base,
    tokenUrl: `${base}/token`,
    stats,
    inject: (statuses) => void faults.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
