import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { PublishDestinationsTable } from '../db/schema.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import {
  createWordPressClient,
  type WordPressClient,
  type WordPressClientOptions,
} from '../publishing/wordpress/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';

/** How the refresh module reaches a site's WordPress (the same destination store publishing uses). */
export interface RefreshWordPressDeps {
  destinations: {
    getRow(scope: SiteScope, ref: string): Promise<PublishDestinationsTable>;
    secretOf(row: PublishDestinationsTable): string | null;
  };
  /** Server mode: refuse private and loopback site addresses (see url-guard.ts). */
  urlGuard?: { allowPrivate: boolean };
  /** Tests: answer WordPress requests in process. */
  fetch?: WordPressClientOptions['fetch'];
}

const SiteConfigSchema = z.object({ url: z.string().min(1), user: z.string().min(1) });

/** A REST client for the WordPress destination `destinationId`. */
export async function openWordPress(
  deps: RefreshWordPressDeps,
  scope: SiteScope,
  destinationId: string,
): Promise<WordPressClient> {
  const dest = await deps.destinations.getRow(scope, destinationId);
  if (dest.kind !== 'wordpress')
    throw new Igny8Error('INVENTORY_UNSUPPORTED', `Destination "${dest.name}" is a ${dest.kind}`, {
      hint: 'Only posts on a WordPress destination can be refreshed in place.',
    });
  const secret = deps.destinations.secretOf(dest);
  if (!secret)
    throw new Igny8Error(
      'WP_AUTH_FAILED',
      `WordPress destination "${dest.name}" has no application password`,
      {
        action: { id: 'reconnect_wordpress' },
      },
    );
  const cfg = parseInput(
    SiteConfigSchema,
    parseJson<Record<string, unknown>>(dest.config, {}),
    'WordPress destination',
  );
  return createWordPressClient({
    ...(deps.urlGuard ? { urlGuard: deps.urlGuard } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    url: cfg.url,
    user: cfg.user,
    appPassword: secret,
  });
}

/** The live post as WordPress stores it (context=edit: raw content, not the rendered page). */
export interface LivePost {
  id: string;
  kind: 'post' | 'page';
  title: string;
  html: string;
  slug: string;
  link: string;
  status: string;
  /** modified_gmt as ISO-8601 UTC. */
  modified: string;
  /** sha256 of the raw content, whitespace-normalized (see contentHash). */
  hash: string;
}

const LiveSchema = z.object({
  id: z.number(),
  slug: z.string(),
  link: z.string(),
  status: z.string(),
  modified_gmt: z.string(),
  title: z.object({ raw: z.string().optional(), rendered: z.string().optional() }),
  content: z.object({ raw: z.string().optional(), rendered: z.string().optional() }),
});

/**
 * A hash of post HTML that survives WordPress's storage: line endings and runs of whitespace are
 * normalized, so the content we sent and the content read back hash alike.
 */
export function contentHash(html: string): string {
  const norm = html.replace(/\r\n?/g, '\n').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(norm).digest('hex');
}

const routeOf = (kind: 'post' | 'page', id: string) =>
  `/wp/v2/${kind === 'page' ? 'pages' : 'posts'}/${encodeURIComponent(id)}`;

function toLive(kind: 'post' | 'page', data: unknown): LivePost {
  const p = parseInput(LiveSchema, data, 'WordPress post');
  if (p.content.raw === undefined)
    throw new Igny8Error('WP_FORBIDDEN', `WordPress did not give the raw content of post ${p.id}`, {
      hint: 'The application password must belong to a user who may edit this post (an editor or administrator).',
    });
  return {
    id: String(p.id),
    kind,
    title: p.title.raw ?? p.title.rendered ?? '',
    html: p.content.raw,
    slug: p.slug,
    link: p.link,
    status: p.status,
    modified: new Date(`${p.modified_gmt.replace(/Z$/, '')}Z`).toISOString(),
    hash: contentHash(p.content.raw),
  };
}

/** Read the live post with its raw content; REFRESH_POST_NOT_FOUND when it is gone. */
export async function fetchLivePost(
  client: WordPressClient,
  kind: 'post' | 'page',
  id: string,
): Promise<LivePost> {
  try {
    const res = await client.request('GET', routeOf(kind, id), { query: { context: 'edit' } });
    return toLive(kind, res.data);
  } catch (err) {
    if ((err as { code?: string }).code === 'WP_NOT_FOUND')
      throw new Igny8Error('REFRESH_POST_NOT_FOUND', `The site has no ${kind} ${id} any more`, {
        hint: 'Import the inventory again (`igny8 inventory import`) and pick a post that exists.',
      });
    throw err;
  }
}

/**
 * Update the post in place: only its content (and title when given); slug, status, date, terms and
 * media stay as they are. WordPress keeps the previous version as a revision.
 */
export async function updateLivePost(
  client: WordPressClient,
  kind: 'post' | 'page',
  id: string,
  patch: { html: string; title?: string },
): Promise<LivePost> {
  const res = await client.request('POST', routeOf(kind, id), {
    query: { context: 'edit' },
    json: { content: patch.html, ...(patch.title !== undefined ? { title: patch.title } : {}) },
    // Sending the same content twice leaves one revision: WordPress saves none when nothing changed.
    idempotent: true,
  });
  return toLive(kind, res.data);
}
