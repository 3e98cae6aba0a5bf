import type { Igny8Config } from '../config/index.js';
import type { ArticleSite, ContentView, ImageView } from '../writer/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';

/** The kinds a stored destination row can be; DESTINATION_KINDS (open-destination.ts) opens each. */
export type DestinationKind = PublishDestinationsTable['kind'];

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

/** What a destination gets for one publish: the article, its images, and the checkpoints so far. */
export interface PublishJob {
  recordId: string;
  /** Unique, stable marker that lets a retry find what an earlier attempt created remotely. */
  marker: string;
  content: ContentView;
  /** The article's site: the JSON-LD author and publisher, and whether it wants a table of contents. */
  site?: ArticleSite | null;
  /** Name of the article's keyword cluster, if any (WordPress files the post under it). */
  clusterName?: string | null;
  /** Images with absolute file paths. */
  images: Array<ImageView & { absolutePath: string | null }>;
  status: 'draft' | 'publish' | 'future';
  scheduledAt: Date | null;
  remoteId: string | null;
  /** Media already uploaded by earlier attempts: image id → { id, url }. */
  remoteMedia: Record<string, { id: string; url: string }>;
  /** Checkpoint one uploaded media item before moving on, so a crash never uploads it twice. */
  saveMedia(imageId: string, media: { id: string; url: string }): Promise<void>;
  /** Checkpoint the remote post id as soon as it exists. */
  saveRemoteId(remoteId: string): Promise<void>;
  /**
   * Make the post again when the one recorded was deleted for good on the site (only an explicit
   * `publish --republish --content ID` asks for that); otherwise the destination refuses.
   */
  recreateDeleted?: boolean;
  /** Links between our own articles, resolved to their live URLs where already published. */
  resolveInternalHref?(href: string): string;
}

export interface PublishOutcome {
  remoteId: string;
  remoteUrl: string | null;
  remoteStatus: string;
  /** Fields the destination could not write (e.g. SEO meta without an SEO plugin). */
  warnings: string[];
  /** Media roles ("featured", "inline-1") that were gone on the site and were uploaded again. */
  repairedMedia?: string[];
}

export interface RemoteState {
  remoteId: string;
  remoteUrl: string | null;
  remoteStatus: 'publish' | 'future' | 'draft' | 'pending' | 'private' | 'trash' | 'missing' | string;
  modifiedAt?: string | null;
}

export interface Destination {
  kind: DestinationKind;
  publish(job: PublishJob): Promise<PublishOutcome>;
  /** Read the remote state back (status sync); null when the destination cannot tell. */
  sync?(remoteId: string): Promise<RemoteState | null>;
  test(): Promise<{
    ok: boolean;
    checks: Array<{ name: string; ok: boolean; detail: string; hint?: string }>;
    /** The destination's own structured report (WordPress: the connection report). */
    details?: Record<string, unknown>;
  }>;
}
