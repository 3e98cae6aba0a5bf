import type { PublishDestinationsTable } from '../db/schema.js';
import { Igny8Error } from '../errors/index.js';
import { parseJson } from '../util/json.js';
import type { Destination, DestinationKind, OpenDestinationContext } from './destination.types.js';
import { createFolderDestination } from './folder-destination.js';
import { createGuardedFetch } from './url-guard.js';
import { createWebhookDestination } from './webhook-destination.js';
import { createWordPressDestination } from './wordpress-destination.js';

export type { OpenDestinationContext } from './destination.types.js';

/** How one kind of stored destination row opens as an adapter. */
export interface DestinationDescriptor {
  kind: DestinationKind;
  open(
    row: PublishDestinationsTable,
    cfg: Record<string, unknown>,
    secret: string | null,
    ctx: OpenDestinationContext,
  ): Destination;
}

/**
 * Every destination kind, one entry each: an explicit list instead of registration on import. The
 * row type's kinds must each have an entry (checked below); the SQL CHECK is held to this list by
 * test/descriptors/descriptor-lists.test.ts.
 */
export const DESTINATION_KINDS = [
  {
    kind: 'folder',
    open: (_row, cfg, _secret, ctx) =>
      createFolderDestination(
        { dir: String(cfg.dir), format: cfg.format === 'html' ? 'html' : 'md' },
        ctx.mediaDir,
      ),
  },
  {
    kind: 'webhook',
    open(row, cfg, secret, ctx) {
      if (!secret)
        throw new Igny8Error('PUBLISH_FAILED', `Webhook destination "${row.name}" has no signing secret`, {
          hint: 'Add it again with a secret.',
        });
      return createWebhookDestination(
        { url: String(cfg.url), includeImages: Boolean(cfg.includeImages) },
        secret,
        ctx.urlGuard ? createGuardedFetch(ctx.urlGuard) : undefined,
      );
    },
  },
  {
    kind: 'wordpress',
    open(row, cfg, secret, ctx) {
      if (!secret)
        throw new Igny8Error(
          'WP_AUTH_FAILED',
          `WordPress destination "${row.name}" has no application password`,
          { action: { id: 'reconnect_wordpress' } },
        );
      return createWordPressDestination(cfg, secret, ctx);
    },
  },
] as const satisfies readonly DestinationDescriptor[];

/** Kinds the row type allows that the list cannot open: must stay `never` (the line below fails otherwise). */
type UnopenedKind = Exclude<DestinationKind, (typeof DESTINATION_KINDS)[number]['kind']>;
export const EVERY_KIND_OPENS: [UnopenedKind] extends [never] ? true : UnopenedKind = true;

/** Build the adapter for a stored destination row. */
export function openDestination(
  row: PublishDestinationsTable,
  secret: string | null,
  ctx: OpenDestinationContext,
): Destination {
  const kind = DESTINATION_KINDS.find((d) => d.kind === row.kind);
  if (!kind) throw new Igny8Error('INTERNAL', `Unknown destination kind "${row.kind}"`);
  return kind.open(row, parseJson<Record<string, unknown>>(row.config, {}), secret, ctx);
}
