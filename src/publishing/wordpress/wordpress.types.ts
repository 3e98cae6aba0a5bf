import { z } from 'zod';

/** Post statuses igny8 sets. WordPress also reports 'trash', 'auto-draft', 'inherit' when reading. */
export const WpPostStatusSchema = z.enum(['draft', 'publish', 'future', 'pending', 'private']);
export type WpPostStatus = z.infer<typeof WpPostStatusSchema>;

const WhenSchema = z.union([z.date(), z.iso.datetime({ offset: true, local: true })]);

/** What updatePost sends, in our names (mapped to WordPress's snake_case fields); all optional. */
export const WpPostPatchSchema = z.object({
  title: z.string().optional(),
  /** HTML. Include the publish marker (see publish-marker.ts) to find the post again. */
  content: z.string().optional(),
  excerpt: z.string().optional(),
  slug: z.string().max(200).optional(),
  status: WpPostStatusSchema.optional(),
  /** Publication time (UTC). Required with status 'future'. */
  dateGmt: WhenSchema.optional(),
  featuredMedia: z.number().int().min(0).optional(),
  categories: z.array(z.number().int().positive()).optional(),
  tags: z.array(z.number().int().positive()).optional(),
  author: z.number().int().positive().optional(),
  /** Registered post meta (SEO plugin fields, see seo-fields.ts). */
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type WpPostPatch = z.input<typeof WpPostPatchSchema>;

/** What createPost sends: a patch, where status 'future' must come with its date. */
export const WpPostInputSchema = WpPostPatchSchema.refine(
  (p) => p.status !== 'future' || p.dateGmt !== undefined,
  {
    message: "status 'future' needs dateGmt (when to publish)",
    path: ['dateGmt'],
  },
);
export type WpPostInput = z.input<typeof WpPostInputSchema>;

export interface WpPost {
  id: number;
  /** draft · publish · future · pending · private · trash … as WordPress reports it. */
  status: string;
  slug: string;
  /** The post's public address (a preview-style ?p= link while it is a draft). */
  link: string;
  title: string;
  /** Raw HTML as stored. */
  content: string;
  excerpt: string;
  /** Site-local time and UTC, ISO without offset, as WordPress gives them. */
  date: string | null;
  dateGmt: string | null;
  modifiedGmt: string | null;
  featuredMedia: number;
  categories: number[];
  tags: number[];
  author: number;
  meta: Record<string, unknown>;
  /**
   * WordPress keeps <script> in this post for the user who asked (its `wp:action-unfiltered-html`
   * link); absent when the response carried no links.
   */
  unfilteredHtml?: boolean;
}

export interface WpMedia {
  id: number;
  slug: string;
  /** The file's address, used in post HTML. */
  sourceUrl: string;
  link: string;
  title: string;
  altText: string;
  caption: string;
  mimeType: string;
  /** The post it is attached to (0 when none). */
  post: number;
  /** Pixel size of the original file (0 when WordPress did not say). */
  width: number;
  height: number;
  /** Resized copies WordPress made (thumbnail, medium, large, …), by size name. */
  sizes: Record<string, { url: string; width: number; height: number }>;
}

export interface WpUser {
  id: number;
  name: string;
  slug: string;
  roles: string[];
  capabilities: Record<string, boolean>;
}

export interface WpTermRef {
  /** The name asked for. */
  name: string;
  id: number;
  /** True when this call created it. */
  created: boolean;
}

export type WpTaxonomy = 'categories' | 'tags';

export interface WpDiscovery {
  /** Site address without credentials. */
  site: string;
  restRoot: string;
  prettyPermalinks: boolean;
  name: string;
  home: string;
  namespaces: string[];
  routes: string[];
  /** The site offers application passwords (needs HTTPS on a live site). */
  applicationPasswords: boolean;
}

const Rendered = z.object({ raw: z.string().optional(), rendered: z.string().optional() }).partial();
const MetaSchema = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .transform((m) => (Array.isArray(m) ? {} : m));

export const WpPostResponseSchema = z.looseObject({
  id: z.number(),
  status: z.string(),
  slug: z.string().default(''),
  link: z.string().default(''),
  date: z.string().nullable().default(null),
  date_gmt: z.string().nullable().default(null),
  modified_gmt: z.string().nullable().default(null),
  title: Rendered.default({}),
  content: Rendered.default({}),
  excerpt: Rendered.default({}),
  featured_media: z.number().default(0),
  categories: z.array(z.number()).default([]),
  tags: z.array(z.number()).default([]),
  author: z.number().default(0),
  meta: MetaSchema.default({}),
});

export const WpMediaResponseSchema = z.looseObject({
  id: z.number(),
  slug: z.string().default(''),
  source_url: z.string().default(''),
  link: z.string().default(''),
  title: Rendered.default({}),
  alt_text: z.string().default(''),
  caption: Rendered.default({}),
  mime_type: z.string().default(''),
  post: z.number().nullable().default(0),
  media_details: z
    .looseObject({
      width: z.number().optional(),
      height: z.number().optional(),
      sizes: z
        .record(z.string(), z.looseObject({ source_url: z.string(), width: z.number(), height: z.number() }))
        .optional(),
    })
    .or(z.array(z.unknown()))
    .optional(),
});

export const WpUserResponseSchema = z.looseObject({
  id: z.number(),
  name: z.string().default(''),
  slug: z.string().default(''),
  roles: z.array(z.string()).default([]),
  capabilities: z.record(z.string(), z.boolean()).default({}),
});

export const WpTermResponseSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  slug: z.string().default(''),
  parent: z.number().default(0),
});
