import { createGuardedFetch, type UrlGuardOptions } from '../url-guard.js';
import { createMediaApi, type WpMediaFields } from './wordpress-media.js';
import { createPostsApi, type WpFindOptions } from './wordpress-posts.js';
import { createTermsApi } from './wordpress-terms.js';
import {
  createWpHttp,
  parseWp,
  type WpHttpOptions,
  type WpRequest,
  type WpResponse,
} from './wordpress-http.js';
import {
  WpUserResponseSchema,
  type WpDiscovery,
  type WpMedia,
  type WpPost,
  type WpPostInput,
  type WpPostPatch,
  type WpTaxonomy,
  type WpTermRef,
  type WpUser,
} from './wordpress.types.js';

export interface WordPressClientOptions extends WpHttpOptions {
  /**
   * Server mode: check the site's address (and every redirect) against private and loopback
   * networks before connecting (see url-guard.ts). Ignored when `fetch` is given.
   */
  urlGuard?: Pick<UrlGuardOptions, 'allowPrivate' | 'lookup'>;
}

/**
 * A typed WordPress REST client for one site, authenticated with an application password.
 * Every call shares one concurrency limit; 429 and 5xx answers are retried with backoff (creates
 * only when the site cannot have applied them). Errors are Igny8Errors with WP_* codes and hints.
 * A site with plain permalinks fails every call but discover() with WP_PERMALINKS.
 */
export interface WordPressClient {
  /** Site address without credentials. */
  readonly site: string;
  /** Where the REST API lives, whether permalinks are pretty, namespaces and routes (GET /wp-json/). */
  discover(): Promise<WpDiscovery>;
  /** The authenticated user, with roles and capabilities; WP_AUTH_FAILED on a wrong password. */
  me(opts?: WpCallOptions): Promise<WpUser>;
  /** The post schema (OPTIONS /wp/v2/posts): shows which meta fields are writable. */
  postSchema(opts?: WpCallOptions): Promise<Record<string, unknown>>;
  /** Create a post. Not retried once it may have reached the site: look for it by marker first. */
  createPost(input: WpPostInput): Promise<WpPost>;
  updatePost(id: number, patch: WpPostPatch): Promise<WpPost>;
  /** A post in any status (trash included), or null when it no longer exists. */
  getPost(id: number): Promise<WpPost | null>;
  /** Posts whose content carries the marker of `key` (see publish-marker.ts), oldest first. */
  findPostsByMarker(key: string, opts?: WpFindOptions): Promise<WpPost[]>;
  findPostsBySlug(slug: string, opts?: WpFindOptions): Promise<WpPost[]>;
  searchPosts(term: string, opts?: WpFindOptions): Promise<WpPost[]>;
  /** The posts with these ids that still exist, any status (status sync). */
  listPosts(opts: { include: number[]; includeTrash?: boolean }): Promise<WpPost[]>;
  /** Upload a file to the media library with its alt text, title, caption and slug in one request. */
  uploadMedia(bytes: Uint8Array, filename: string, mime: string, fields?: WpMediaFields): Promise<WpMedia>;
  updateMedia(id: number, fields: Omit<WpMediaFields, 'slug'>): Promise<WpMedia>;
  getMedia(id: number): Promise<WpMedia | null>;
  /** Media items with exactly this slug, oldest first (find-again by mediaMarkerSlug()). */
  findMediaBySlug(slug: string): Promise<WpMedia[]>;
  searchMedia(term: string): Promise<WpMedia[]>;
  /** Category or tag ids by name, created when missing (safe against concurrent creation). */
  ensureTerms(taxonomy: WpTaxonomy, names: readonly string[]): Promise<WpTermRef[]>;
  /** Any other REST call, with the same auth, retries and error mapping. */
  request(method: string, route: string, req?: WpRequest): Promise<WpResponse>;
}

/** Per-call options of me() and postSchema() (the connection check runs them on any site). */
export type WpCallOptions = Pick<WpRequest, 'allowPlainPermalinks' | 'signal'>;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Create a client for one WordPress site. Create one per site and reuse it: the concurrency limit
 * is per client.
 * @example const wp = createWordPressClient({ url: 'https://blog.example.com', user: 'editor', appPassword: 'abcd efgh …' })
 */
export function createWordPressClient(options: WordPressClientOptions): WordPressClient {
  const fetch = options.fetch ?? (options.urlGuard ? createGuardedFetch(options.urlGuard) : undefined);
  const http = createWpHttp({ ...options, fetch });
  const posts = createPostsApi(http);
  const media = createMediaApi(http);
  const terms = createTermsApi(http);
  return {
    site: http.site,
    async discover() {
      const root = await http.root();
      const index = root.index;
      const auth = index.authentication;
      return {
        site: http.site,
        restRoot: root.restRoot,
        prettyPermalinks: root.prettyPermalinks,
        name: typeof index.name === 'string' ? index.name : '',
        home: typeof index.home === 'string' ? index.home : http.site,
        namespaces: strings(index.namespaces),
        routes: Object.keys(index.routes && typeof index.routes === 'object' ? index.routes : {}),
        applicationPasswords: !!auth && typeof auth === 'object' && 'application-passwords' in auth,
      };
    },
    async me(opts = {}) {
      const route = '/wp/v2/users/me';
      const res = await http.request('GET', route, { ...opts, query: { context: 'edit' } });
      const u = parseWp(WpUserResponseSchema, res.data, http.site, route);
      return { id: u.id, name: u.name, slug: u.slug, roles: u.roles, capabilities: u.capabilities };
    },
    async postSchema(opts = {}) {
      const route = '/wp/v2/posts';
      const res = await http.request('OPTIONS', route, opts);
      const schema = (res.data as { schema?: unknown } | null)?.schema;
      return schema && typeof schema === 'object' ? (schema as Record<string, unknown>) : {};
    },
    ...posts,
    ...media,
    ...terms,
    request: http.request,
  };
}
