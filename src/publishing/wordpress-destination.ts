import { z } from 'zod';
import { Igny8Error, isIgny8Error, parseInput } from '../errors/index.js';
import { rewriteHrefs } from '../util/rewrite-hrefs.js';
import { composeArticleHtml, structuredData, withTableOfContents } from '../writer/index.js';
import type {
  Destination,
  OpenDestinationContext,
  PublishJob,
  PublishOutcome,
  RemoteState,
} from './destination.types.js';
import { imageBlock, imageSizeFor } from './wordpress-image-block.js';
import { jsonLdLeftOut, placeJsonLd } from './wordpress-json-ld.js';
import { attachMedia, ensureMedia, mediaRole, type EnsuredMedia } from './wordpress-media-upload.js';
import { wordpressTestResult } from './wordpress-test-result.js';
import { createTermResolver, termNamesFor } from './wordpress-terms-cache.js';
import {
  canPostScripts,
  checkConnection,
  chooseJsonLdRoute,
  createWordPressClient,
  detectSeoSupport,
  jsonLdMetaExposed,
  seoMetaFor,
  withMarker,
  type JsonLdRoute,
  type SeoSupport,
  type WordPressClient,
  type WordPressClientOptions,
  type WpPost,
  type WpPostInput,
} from './wordpress/index.js';

/** What a WordPress destination row stores in its config (the app password is its secret). */
export const WordPressDestinationConfigSchema = z.object({
  url: z.string().min(1),
  user: z.string().min(1),
  /** WordPress user id posts are attributed to (default: the connected user). */
  defaultAuthor: z.number().int().positive().optional(),
  /** Categories every post gets, besides its cluster's. */
  categories: z.array(z.string()).default([]),
});
export type WordPressDestinationConfig = z.output<typeof WordPressDestinationConfigSchema>;

/** Client overrides (tests: retries, fetch; server mode: the URL guard). */
export type WordPressDestinationOptions = Partial<
  Omit<WordPressClientOptions, 'url' | 'user' | 'appPassword'>
>;

/** What the site's post schema says: SEO fields, and whether the companion plugin takes JSON-LD. */
interface SiteFields {
  seo: SeoSupport;
  jsonLdMeta: boolean;
}

const NO_JSON_LD = { script: '', meta: {}, warning: null };

/** The marker key of a publish record: its marker without the "igny8-" prefix the post comment adds anyway. */
export function markerKey(marker: string): string {
  return marker.replace(/^igny8-/, '');
}

/** Internal links (`href="/slug/"`) pointed at live URLs where the job knows them. */
function resolveLinks(html: string, resolve: PublishJob['resolveInternalHref']): string {
  if (!resolve) return html;
  return rewriteHrefs(html, resolve);
}

/**
 * Delete posts an interrupted attempt made while this one was creating its own (same marker):
 * the oldest stays. Only runs right after our own create, when no marked post existed just before.
 */
async function keepOldest(client: WordPressClient, key: string, created: WpPost): Promise<WpPost> {
  const marked = await client.findPostsByMarker(key);
  if (marked.length <= 1) return created;
  const [oldest, ...extra] = marked;
  for (const p of extra) {
    try {
      await client.request('DELETE', `/wp/v2/posts/${p.id}`, { query: { force: true }, idempotent: true });
    } catch (err) {
      if (!isIgny8Error(err) || err.code !== 'WP_NOT_FOUND') throw err;
    }
  }
  return oldest!;
}

/**
 * Publish to WordPress over its REST API with an application password: media uploaded once each,
 * inline images placed with their library URLs, featured image, excerpt, slug, categories and tags
 * by name, author, status draft/publish/future, SEO plugin fields where exposed, and the record's
 * marker so a retry finds the post instead of making a second one.
 * @example createWordPressDestination({ url: 'https://blog.example', user: 'me' }, appPassword, { mediaDir, config })
 */
export function createWordPressDestination(
  config: Record<string, unknown>,
  appPassword: string,
  ctx: OpenDestinationContext,
  options: WordPressDestinationOptions = {},
): Destination {
  const cfg = parseInput(WordPressDestinationConfigSchema, config, 'WordPress destination');
  const client = createWordPressClient({
    ...(ctx.urlGuard ? { urlGuard: ctx.urlGuard } : {}),
    ...options,
    url: cfg.url,
    user: cfg.user,
    appPassword,
  });
  const terms = createTermResolver(client);
  let fields: Promise<SiteFields | null> | null = null;
  // Which SEO fields (and the companion's JSON-LD key) the site exposes, asked once per adapter;
  // unknown (null) when it cannot tell.
  const siteFields = () =>
    (fields ??= (async () => {
      try {
        const [d, schema] = await Promise.all([client.discover(), client.postSchema()]);
        return {
          seo: detectSeoSupport({ namespaces: d.namespaces, postSchema: schema }),
          jsonLdMeta: jsonLdMetaExposed(schema),
        };
      } catch (err) {
        if (!isIgny8Error(err)) throw err;
        // Ask again next time; this publish goes on without SEO fields and says so.
        fields = null;
        return null;
      }
    })());
  let scripts: Promise<boolean | null> | null = null;
  // Whether WordPress keeps scripts for this user: asked only when the plugin does not take the
  // JSON-LD, once per adapter (again next time when the site would not say).
  const jsonLdRoute = async (site: SiteFields | null): Promise<JsonLdRoute> => {
    if (site?.jsonLdMeta) return chooseJsonLdRoute({ metaKey: true, unfilteredHtml: null });
    const allowed = await (scripts ??= canPostScripts(client));
    if (allowed === null) scripts = null;
    return chooseJsonLdRoute({ metaKey: false, unfilteredHtml: allowed });
  };

  async function payloadFor(
    job: PublishJob,
    key: string,
    warnings: string[],
    media: Map<string, EnsuredMedia>,
    repaired: string[],
  ): Promise<{ input: WpPostInput; scriptless: string | null }> {
    const c = job.content;
    const done = job.images.filter((i) => i.status === 'done');
    const featured = done.find((i) => i.role === 'featured');
    for (const image of [...(featured ? [featured] : []), ...done.filter((i) => i.role === 'inline')]) {
      const m = await ensureMedia(client, job, key, image, warnings);
      if (m) media.set(image.id, m);
      if (m?.repaired) repaired.push(mediaRole(image));
    }
    // WordPress's own image block (attachment id, wp-image-{id}, width/height, a registered size):
    // themes size those to the column; a bare <img> renders at the file's full width.
    const body = composeArticleHtml(
      resolveLinks(c.html.replace(/<!--[\s\S]*?-->\s*/g, ''), job.resolveInternalHref),
      done,
      (i) => (media.get(i.id) ? imageSizeFor(media.get(i.id)!.media, i).url : null),
      (i, src) => {
        const m = media.get(i.id)!;
        const size = imageSizeFor(m.media, i);
        return imageBlock({
          id: m.media.id,
          src,
          alt: i.alt ?? '',
          width: size.width,
          height: size.height,
          sizeSlug: size.sizeSlug,
          caption: i.caption,
        });
      },
    );
    const items = job.site
      ? structuredData(c, {
          site: { ...job.site, url: job.site.url ?? client.site },
          datePublished: (job.scheduledAt ?? new Date()).toISOString(),
          dateModified: c.updatedAt,
          imageUrl: featured ? (media.get(featured.id)?.url ?? null) : null,
        })
      : [];
    const names = termNamesFor(job, cfg.categories);
    const [categories, tags, site] = await Promise.all([
      terms.resolve('categories', names.categories, warnings),
      terms.resolve('tags', names.tags, warnings),
      siteFields(),
    ]);
    const support = site?.seo ?? null;
    // schema.org JSON-LD in the companion plugin's meta, else in the content where WordPress keeps
    // scripts for this user, else left out (it would show as text) with a warning.
    const ld = items.length ? placeJsonLd(items, await jsonLdRoute(site)) : NO_JSON_LD;
    const page = job.site?.toc ? withTableOfContents(body) : body;
    const article = `${page}${ld.script ? `\n${ld.script}` : ''}`;
    const values = { title: c.metaTitle, description: c.metaDescription, focusKeyword: c.focusKeyword };
    const plan = support ? seoMetaFor(support, values) : null;
    if (!plan) warnings.push('SEO fields not written: the site did not say which SEO fields it exposes');
    for (const s of plan?.skipped ?? []) warnings.push(`SEO ${s.field} not written: ${s.reason}`);
    if (ld.warning) warnings.push(ld.warning);
    if (job.status === 'future' && !job.scheduledAt) {
      throw new Igny8Error('VALIDATION_FAILED', `Scheduling "${c.title}" needs a publication time`, {
        hint: 'Publish with --schedule (the site settings pick the time) or --now.',
      });
    }
    const featuredId = featured ? media.get(featured.id)?.id : undefined;
    const meta = { ...plan?.meta, ...ld.meta };
    const input: WpPostInput = {
      title: c.title,
      content: withMarker(article, key),
      excerpt: c.excerpt ?? '',
      slug: c.slug,
      status: job.status,
      ...(job.status === 'future' ? { dateGmt: job.scheduledAt! } : {}),
      ...(featuredId ? { featuredMedia: Number(featuredId) } : {}),
      ...(categories.length ? { categories } : {}),
      ...(tags.length ? { tags } : {}),
      ...(cfg.defaultAuthor ? { author: cfg.defaultAuthor } : {}),
      ...(Object.keys(meta).length ? { meta } : {}),
    };
    return { input, scriptless: ld.script ? withMarker(page, key) : null };
  }

  /**
   * The post an earlier attempt made: by its checkpointed id, else by its marker (trash included).
   * A post that existed and was deleted for good on the site is not made again unless the job says so.
   */
  async function existingPost(job: PublishJob, key: string): Promise<WpPost | null> {
    const id = Number(job.remoteId);
    const had = Boolean(job.remoteId && Number.isInteger(id) && id > 0);
    if (had) {
      const post = await client.getPost(id);
      if (post) return post;
    }
    const [found] = await client.findPostsByMarker(key);
    if (found) await job.saveRemoteId(String(found.id));
    if (!found && had && !job.recreateDeleted) {
      throw new Igny8Error(
        'WP_POST_DELETED',
        `"${job.content.title}" was deleted on ${client.site} (post ${id}); not re-creating it`,
        { action: { id: 'republish_content', params: { contentId: job.content.id } } },
      );
    }
    return found ?? null;
  }

  return {
    kind: 'wordpress',
    async publish(job: PublishJob): Promise<PublishOutcome> {
      const key = markerKey(job.marker);
      const warnings: string[] = [];
      const repaired: string[] = [];
      const media = new Map<string, EnsuredMedia>();
      // Before any upload: a post deleted on the site stops here, leaving its library alone.
      let post = await existingPost(job, key);
      const { input: payload, scriptless } = await payloadFor(job, key, warnings, media, repaired);
      if (post) {
        // A post that was scheduled and is now published at once needs its date brought to now.
        const patch =
          job.status === 'publish' && post.status === 'future'
            ? { ...payload, dateGmt: new Date() }
            : payload;
        post = await client.updatePost(post.id, patch);
      } else {
        const created = await client.createPost(payload);
        await job.saveRemoteId(String(created.id));
        post = await keepOldest(client, key, created);
        if (post.id !== created.id) {
          await job.saveRemoteId(String(post.id));
          post = await client.updatePost(post.id, payload);
        }
      }
      if (scriptless !== null && post.unfilteredHtml === false) {
        // WordPress stripped the script and left its JSON as visible text (a user without
        // unfiltered_html that users/me did not reveal): take it out, and ask no more.
        post = await client.updatePost(post.id, { content: scriptless });
        scripts = Promise.resolve(false);
        warnings.push(jsonLdLeftOut());
      }
      await attachMedia(client, post.id, [...media.values()]);
      if (post.slug && post.slug !== job.content.slug) {
        warnings.push(`slug "${job.content.slug}" is taken on the site; WordPress used "${post.slug}"`);
      }
      if (post.status !== job.status) {
        warnings.push(`asked for status "${job.status}", WordPress set "${post.status}"`);
      }
      return {
        remoteId: String(post.id),
        remoteUrl: post.link || null,
        remoteStatus: post.status,
        warnings,
        repairedMedia: repaired,
      };
    },
    async sync(remoteId: string): Promise<RemoteState | null> {
      const id = Number(remoteId);
      if (!Number.isInteger(id) || id <= 0) return null;
      const post = await client.getPost(id);
      if (!post) return { remoteId, remoteUrl: null, remoteStatus: 'missing' };
      return {
        remoteId,
        remoteUrl: post.link || null,
        remoteStatus: post.status,
        modifiedAt: post.modifiedGmt,
      };
    },
    async test() {
      return wordpressTestResult(await checkConnection(client));
    },
  };
}
