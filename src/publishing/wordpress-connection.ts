import { z } from 'zod';
import type { PublishDestinationsTable } from '../db/schema.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { assertPublicUrl } from './url-guard.js';
import { toDestinationView, type DestinationStore, type DestinationView } from './destination.service.js';
import {
  WordPressDestinationConfigSchema,
  type WordPressDestinationOptions,
} from './wordpress-destination.js';
import {
  checkConnection,
  connectionError,
  createWordPressClient,
  normalizeSiteUrl,
  type WpConnectionReport,
} from './wordpress/index.js';

export const WpConnectInputSchema = z.object({
  url: z.url('the site address, e.g. https://blog.example.com'),
  user: z.string().trim().min(1, 'the WordPress username the application password belongs to'),
  appPassword: z.string().trim().min(1, 'the application password (Users → Profile → Application Passwords)'),
  name: z.string().trim().min(1).max(80).default('wordpress'),
  categories: z.array(z.string().trim().min(1)).default([]),
  defaultAuthor: z.number().int().positive().optional(),
  /** Save without checking the site first. */
  skipCheck: z.boolean().default(false),
});
export type WpConnectInput = z.input<typeof WpConnectInputSchema>;

export interface WpConnectResult {
  destination: DestinationView;
  /** The connection check (null with skipCheck). */
  report: WpConnectionReport | null;
}

/**
 * Connect a site to WordPress: check the connection (REST API, credentials, permalinks, rights)
 * and refuse to save with the check's error and hint, then store the destination with the
 * application password encrypted.
 * @example await connectWordPress(core.destinations, scope, { url, user: 'editor', appPassword })
 */
export async function connectWordPress(
  store: DestinationStore,
  scope: SiteScope,
  input: WpConnectInput,
  options: WordPressDestinationOptions = {},
): Promise<WpConnectResult> {
  const i = parseInput(WpConnectInputSchema, input, 'WordPress connection');
  const url = normalizeSiteUrl(i.url);
  let report: WpConnectionReport | null = null;
  // Skipping the connection check never skips the outbound guard (server mode): a refused address
  // is refused now, not saved to fail later. An address that does not resolve yet may be saved.
  if (i.skipCheck && options.urlGuard)
    await assertPublicUrl(url, options.urlGuard).catch((err: unknown) => {
      if (err instanceof Igny8Error) throw err;
    });
  if (!i.skipCheck) {
    const client = createWordPressClient({
      retry: { maxAttempts: 2 },
      ...options,
      url,
      user: i.user,
      appPassword: i.appPassword,
    });
    report = await checkConnection(client);
    const err = connectionError(report);
    if (err) throw err;
  }
  const destination = await store.upsert(scope, {
    kind: 'wordpress',
    name: i.name,
    config: {
      url,
      user: i.user,
      categories: i.categories,
      ...(i.defaultAuthor ? { defaultAuthor: i.defaultAuthor } : {}),
    },
    secret: i.appPassword,
  });
  return { destination, report };
}

/** The site's WordPress destination: by id or name, else the only one. */
export async function findWordPressDestination(
  store: DestinationStore,
  scope: SiteScope,
  ref?: string,
): Promise<PublishDestinationsTable> {
  const all = (await store.list(scope)).filter((d) => d.kind === 'wordpress');
  const matches = ref ? all.filter((d) => d.id === ref || d.name === ref) : all;
  if (matches.length === 0) {
    throw new Igny8Error(
      'DESTINATION_NOT_FOUND',
      ref ? `This site has no WordPress destination "${ref}"` : 'This site is not connected to WordPress',
      { action: { id: 'connect_wordpress_site' } },
    );
  }
  if (matches.length > 1) {
    throw new Igny8Error('USAGE', 'This site has several WordPress destinations; say which one', {
      hint: `Pass --destination <name> (one of: ${matches.map((d) => d.name).join(', ')}).`,
    });
  }
  return store.getRow(scope, matches[0]!.id);
}

/**
 * Check a stored WordPress destination: REST API, users/me, permalinks, rights, SEO fields.
 * @example const { report } = await testWordPress(core.destinations, scope)
 */
export async function testWordPress(
  store: DestinationStore,
  scope: SiteScope,
  ref?: string,
  options: WordPressDestinationOptions = {},
): Promise<{ destination: DestinationView; report: WpConnectionReport }> {
  const row = await findWordPressDestination(store, scope, ref);
  const cfg = parseInput(WordPressDestinationConfigSchema, JSON.parse(row.config), 'WordPress destination');
  const secret = store.secretOf(row);
  if (!secret) {
    throw new Igny8Error(
      'WP_AUTH_FAILED',
      `WordPress destination "${row.name}" has no application password`,
      {
        action: { id: 'reconnect_wordpress' },
      },
    );
  }
  const client = createWordPressClient({
    retry: { maxAttempts: 2 },
    ...options,
    url: cfg.url,
    user: cfg.user,
    appPassword: secret,
  });
  return { destination: toDestinationView(row), report: await checkConnection(client) };
}
