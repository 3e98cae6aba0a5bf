/**
 * Which SEO plugin fields a site lets us write over the REST API. A plugin's fields are writable
 * when the site registers them as post meta with show_in_rest: they then appear under
 * `schema.properties.meta.properties` of OPTIONS /wp/v2/posts. A plugin can be active without
 * that (Yoast, for one, does not expose its meta by default): it is then reported as detected but
 * not writable, so the user learns what could not be set and why.
 */

export type SeoPlugin = 'yoast' | 'rankmath' | 'seopress' | 'aioseo';
export type SeoField = 'title' | 'description' | 'focusKeyword';

export const SEO_FIELDS: readonly SeoField[] = ['title', 'description', 'focusKeyword'];

interface PluginInfo {
  name: string;
  /** Post meta keys the plugin stores each field in. */
  keys: Partial<Record<SeoField, string>>;
  /** REST namespaces or post schema properties that show the plugin is active. */
  namespaces: string[];
  properties: string[];
}

export const SEO_PLUGINS: Record<SeoPlugin, PluginInfo> = {
  yoast: {
    name: 'Yoast SEO',
    keys: {
      title: '_yoast_wpseo_title',
      description: '_yoast_wpseo_metadesc',
      focusKeyword: '_yoast_wpseo_focuskw',
    },
    namespaces: ['yoast/v1'],
    properties: ['yoast_head_json', 'yoast_head'],
  },
  rankmath: {
    name: 'Rank Math',
    keys: {
      title: 'rank_math_title',
      description: 'rank_math_description',
      focusKeyword: 'rank_math_focus_keyword',
    },
    namespaces: ['rankmath/v1'],
    properties: [],
  },
  seopress: {
    name: 'SEOPress',
    keys: {
      title: '_seopress_titles_title',
      description: '_seopress_titles_desc',
      focusKeyword: '_seopress_analysis_target_kw',
    },
    namespaces: ['seopress/v1'],
    properties: [],
  },
  // All in One SEO 4 keeps its fields in its own table (wp_aioseo_posts) and mirrors title,
  // description and keywords into these post meta (Models/Post::updatePostMeta, "for localization").
  // Writable only through the companion plugin; AIOSEO itself renders from its table.
  aioseo: {
    name: 'All in One SEO',
    keys: {
      title: '_aioseo_title',
      description: '_aioseo_description',
      focusKeyword: '_aioseo_keywords',
    },
    namespaces: ['aioseo/v1'],
    properties: ['aioseo_head', 'aioseo_meta_data'],
  },
};

/** Every meta key igny8's companion plugin (templates/wordpress/igny8-seo-fields.php) registers. */
export const COMPANION_META_KEYS: readonly string[] = Object.values(SEO_PLUGINS).flatMap((p) =>
  Object.values(p.keys),
);

export interface SeoPluginSupport {
  plugin: SeoPlugin;
  name: string;
  /** The plugin is active (its REST namespace or fields are present) or its meta keys are exposed. */
  detected: boolean;
  /** The plugin itself is running on the site (its REST namespace or head fields are present). */
  active: boolean;
  /** Writable field → the meta key to write. */
  writable: Partial<Record<SeoField, string>>;
  /** Fields of this plugin the site does not let us write. */
  missing: SeoField[];
}

export interface SeoSupport {
  /** Every detected plugin. */
  plugins: SeoPluginSupport[];
  /**
   * The plugin whose fields a publish writes: an active one first, then the one with the most
   * writable fields.
   */
  target: SeoPlugin | null;
  /** igny8's companion plugin is installed (every key it registers is exposed). */
  companion: boolean;
  /**
   * Write every plugin's keys: the companion exposes them all and no SEO plugin is running yet, so
   * whichever one the site installs later finds its fields filled.
   */
  writeAll: boolean;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Pure: read SEO support from the REST namespaces and the post schema (OPTIONS /wp/v2/posts).
 * @example detectSeoSupport({ namespaces: ['wp/v2'], postSchema: { properties: { meta: { properties: { _yoast_wpseo_title: {} } } } } })
 */
export function detectSeoSupport(input: { namespaces: readonly string[]; postSchema: unknown }): SeoSupport {
  const properties = record(record(input.postSchema).properties);
  const metaKeys = new Set(Object.keys(record(record(properties.meta).properties)));
  const plugins: SeoPluginSupport[] = [];
  for (const [plugin, info] of Object.entries(SEO_PLUGINS) as Array<[SeoPlugin, PluginInfo]>) {
    const writable: Partial<Record<SeoField, string>> = {};
    const missing: SeoField[] = [];
    for (const field of SEO_FIELDS) {
      const key = info.keys[field];
      if (key && metaKeys.has(key)) writable[field] = key;
      else missing.push(field);
    }
    const active =
      info.namespaces.some((ns) => input.namespaces.includes(ns)) ||
      info.properties.some((p) => p in properties);
    if (active || Object.keys(writable).length > 0) {
      plugins.push({ plugin, name: info.name, detected: true, active, writable, missing });
    }
  }
  const count = (p: SeoPluginSupport) => Object.keys(p.writable).length;
  const best = plugins
    .filter((p) => count(p) > 0)
    .sort((a, b) => Number(b.active) - Number(a.active) || count(b) - count(a))[0];
  const companion = COMPANION_META_KEYS.every((k) => metaKeys.has(k));
  return {
    plugins,
    target: best ? best.plugin : null,
    companion,
    writeAll: companion && !plugins.some((p) => p.active),
  };
}

export interface SeoMetaPlan {
  /** Post meta to send with the post. */
  meta: Record<string, string>;
  written: SeoField[];
  /** What could not be written, and why (for the publish report). */
  skipped: Array<{ field: SeoField; reason: string }>;
}

/**
 * Pure: the post meta that carries our SEO values on this site, and what cannot be carried.
 * @example seoMetaFor(support, { title: 'Best boots', description: '…', focusKeyword: 'boots' })
 */
export function seoMetaFor(
  support: SeoSupport,
  values: Partial<Record<SeoField, string | null>>,
): SeoMetaPlan {
  const plan: SeoMetaPlan = { meta: {}, written: [], skipped: [] };
  const target = support.plugins.find((p) => p.plugin === support.target);
  for (const field of SEO_FIELDS) {
    const value = values[field];
    if (value === undefined || value === null || value === '') continue;
    const key = target?.writable[field];
    if (key) {
      plan.meta[key] = value;
      if (support.writeAll) {
        for (const p of support.plugins) if (p.writable[field]) plan.meta[p.writable[field]] = value;
      }
      plan.written.push(field);
    } else if (target) {
      plan.skipped.push({
        field,
        reason: `${target.name} does not expose its ${field} field over the REST API`,
      });
    } else if (support.plugins.length > 0) {
      const names = support.plugins.map((p) => p.name).join(', ');
      plan.skipped.push({ field, reason: `${names} is active but exposes no fields over the REST API` });
    } else {
      plan.skipped.push({
        field,
        reason:
          'no SEO plugin (Yoast, Rank Math, SEOPress, All in One SEO) exposes fields on this site; the companion plugin would (igny8 wp plugin)',
      });
    }
  }
  return plan;
}
