import { z } from 'zod';
import type { PublishDestinationsTable } from '../db/schema.js';
import { Igny8Error } from '../errors/index.js';
import { parseJson } from '../util/json.js';
import { destinationInput } from './destination-input.js';
import type { Destination, DestinationKind, OpenDestinationContext } from './destination.types.js';
import { createFolderDestination } from './folder-destination.js';
import { createGuardedFetch } from './url-guard.js';
import { createWebhookDestination } from './webhook-destination.js';
import { createWordPressDestination } from './wordpress-destination.js';

export type { OpenDestinationContext } from './destination.types.js';

/** One kind of destination: the input that adds it, and how a stored row of it opens as an adapter. */
export interface DestinationDescriptor {
  kind: DestinationKind;
  /** What `destinations add` takes for this kind (destinationInput(kind, config, secret)). */
  input: ReturnType<typeof destinationInput<DestinationKind, z.ZodType, z.ZodType>>;
  open(
    row: PublishDestinationsTable,
    cfg: Record<string, unknown>,
    secret: string | null,
    ctx: OpenDestinationContext,
  ): Destination;
}

/**
 * Every destination kind, one entry each: an explicit list instead of registration on import. The
 * row type's kinds (DESTINATION_KINDS in api-contract/enum-values.ts) must each have an entry
 * (checked below) and the list is tested to name exactly those, in their order; the store refuses
 * any other kind (there is no SQL CHECK to migrate since 0019).
 */
export const DESTINATION_KINDS = [
  {
    kind: 'wordpress',
    input: destinationInput(
      'wordpress',
      z.object({
        url: z.url(),
        user: z.string().min(1),
        defaultAuthor: z.number().int().positive().optional(),
        categories: z.array(z.string()).default([]),
      }),
      z.string().min(1, 'the application password'),
    ),
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
  {
    kind: 'folder',
    input: destinationInput(
      'folder',
      z.object({ dir: z.string().min(1), format: z.enum(['md', 'html']).default('md') }),
      z.undefined().optional(),
    ),
    open: (_row, cfg, _secret, ctx) =>
      createFolderDestination(
        { dir: String(cfg.dir), format: cfg.format === 'html' ? 'html' : 'md' },
        ctx.mediaDir,
      ),
  },
  {
    kind: 'webhook',
    input: destinationInput(
      'webhook',
      z.object({ url: z.url(), includeImages: z.boolean().default(false) }),
      z.string().min(16, 'a signing secret of at least 16 characters'),
    ),
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
] as const satisfies readonly DestinationDescriptor[];

/** Kinds the row type allows that the list cannot open: must stay `never` (the line below fails otherwise). */
type UnopenedKind = Exclude<DestinationKind, (typeof DESTINATION_KINDS)[number]['kind']>;
export const EVERY_KIND_OPENS: [UnopenedKind] extends [never] ? true : UnopenedKind = true;

type InputOf<T extends readonly unknown[]> = { [I in keyof T]: T[I] extends { input: infer S } ? S : never };

/** What adding a destination takes: one of the kinds' inputs, told apart by `kind`. */
export const DestinationInputSchema = z.discriminatedUnion(
  'kind',
  DESTINATION_KINDS.map((d) => d.input) as unknown as InputOf<typeof DESTINATION_KINDS>,
);
export type DestinationInput = z.input<typeof DestinationInputSchema>;

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
