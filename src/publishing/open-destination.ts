import type { Igny8Config } from '../config/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';
import { Igny8Error } from '../errors/index.js';
import { parseJson } from '../util/json.js';
import type { Destination } from './destination.types.js';
import { createFolderDestination } from './folder-destination.js';
import { createGuardedFetch } from './url-guard.js';
import { createWebhookDestination } from './webhook-destination.js';

/** How a destination is opened: where media lives, the config, and whether outbound URLs are guarded. */
export interface OpenDestinationContext {
  mediaDir: string;
  config: Igny8Config;
  /**
   * Set by the server and workers: refuse private, loopback and link-local addresses at connect
   * time (unless `allowPrivate`), so a stored URL cannot reach the server's own network.
   */
  urlGuard?: { allowPrivate: boolean };
}

export type WordPressDestinationFactory = (
  config: Record<string, unknown>,
  appPassword: string,
  ctx: OpenDestinationContext,
) => Destination;

let wordpressFactory: WordPressDestinationFactory | null = null;

/** The WordPress destination registers itself here, keeping this file free of its client. */
export function registerWordPressDestination(factory: WordPressDestinationFactory): void {
  wordpressFactory = factory;
}

/** Build the adapter for a stored destination row. */
export function openDestination(
  row: PublishDestinationsTable,
  secret: string | null,
  ctx: OpenDestinationContext,
): Destination {
  const cfg = parseJson<Record<string, unknown>>(row.config, {});
  switch (row.kind) {
    case 'folder':
      return createFolderDestination(
        { dir: String(cfg.dir), format: cfg.format === 'html' ? 'html' : 'md' },
        ctx.mediaDir,
      );
    case 'webhook':
      if (!secret)
        throw new Igny8Error('PUBLISH_FAILED', `Webhook destination "${row.name}" has no signing secret`, {
          hint: 'Add it again with a secret.',
        });
      return createWebhookDestination(
        { url: String(cfg.url), includeImages: Boolean(cfg.includeImages) },
        secret,
        ctx.urlGuard ? createGuardedFetch(ctx.urlGuard) : undefined,
      );
    case 'wordpress':
      if (!wordpressFactory) throw new Igny8Error('INTERNAL', 'The WordPress destination is not registered');
      if (!secret)
        throw new Igny8Error(
          'WP_AUTH_FAILED',
          `WordPress destination "${row.name}" has no application password`,
          { hint: 'Reconnect with `igny8 wp connect`.' },
        );
      return wordpressFactory(cfg, secret, ctx);
  }
}
