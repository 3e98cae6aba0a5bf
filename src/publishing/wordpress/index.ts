/** The WordPress destination: a typed REST client, the connection check, markers and SEO fields. */
export {
  checkConnection,
  connectionError,
  type WpConnectionProblem,
  type WpConnectionReport,
} from './check-connection.js';
export { canPostScripts } from './can-post-scripts.js';
export {
  chooseJsonLdRoute,
  JSONLD_META_KEY,
  JSONLD_STRIPPED_WARNING,
  jsonLdMetaExposed,
  linksAllowScripts,
  type JsonLdRoute,
  type JsonLdVia,
} from './json-ld-route.js';
export { hasMarker, markerComment, markerSearchTerm, mediaMarkerSlug, withMarker } from './publish-marker.js';
export { DEFAULT_WP_RETRY, planWpRetry, type WpRetryPolicy } from './retry-policy.js';
export {
  detectSeoSupport,
  seoMetaFor,
  SEO_FIELDS,
  SEO_PLUGINS,
  COMPANION_META_KEYS,
  type SeoField,
  type SeoMetaPlan,
  type SeoPlugin,
  type SeoPluginSupport,
  type SeoSupport,
} from './seo-fields.js';
export {
  createWordPressClient,
  type WordPressClient,
  type WordPressClientOptions,
  type WpCallOptions,
} from './wordpress-client.js';
export { normalizeSiteUrl, type WpRequest, type WpResponse } from './wordpress-http.js';
export { safeFilename, type WpMediaFields } from './wordpress-media.js';
export { toWpGmt, type WpFindOptions } from './wordpress-posts.js';
export { normalizeTermName } from './wordpress-terms.js';
export {
  WpPostInputSchema,
  WpPostPatchSchema,
  WpPostStatusSchema,
  type WpDiscovery,
  type WpMedia,
  type WpPost,
  type WpPostInput,
  type WpPostPatch,
  type WpPostStatus,
  type WpTaxonomy,
  type WpTermRef,
  type WpUser,
} from './wordpress.types.js';
