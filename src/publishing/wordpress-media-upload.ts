import fs from 'node:fs';
import path from 'node:path';
import { isIgny8Error } from '../errors/index.js';
import type { PublishJob } from './destination.types.js';
import { mediaMarkerSlug, type WordPressClient, type WpMedia } from './wordpress/index.js';

type JobImage = PublishJob['images'][number];

const MIME_BY_EXT: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
};

/** The marker role of an image: "featured" or "inline-N" (stable per image, unique per article). */
export function mediaRole(image: Pick<JobImage, 'role' | 'position'>): string {
  return image.role === 'featured' ? 'featured' : `inline-${image.position}`;
}

/** Delete a media item for good; one already gone is fine. */
async function deleteMedia(client: WordPressClient, id: number): Promise<void> {
  try {
    await client.request('DELETE', `/wp/v2/media/${id}`, { query: { force: true }, idempotent: true });
  } catch (err) {
    if (!isIgny8Error(err) || err.code !== 'WP_NOT_FOUND') throw err;
  }
}

/** A media item in use by a post: the record's checkpoint and what WordPress says about it now. */
export interface EnsuredMedia {
  id: string;
  url: string;
  media: WpMedia;
  /** The stored item was gone from the site and was uploaded again. */
  repaired: boolean;
}

/**
 * The media item of one image, uploaded at most once: the record's checkpoint first (confirmed to
 * still exist on the site: someone may have deleted it from the library), then the item an
 * interrupted attempt may have made (found by its marker slug), and only then an upload,
 * checkpointed at once. Returns null (with a warning) when the image file is missing.
 */
export async function ensureMedia(
  client: WordPressClient,
  job: PublishJob,
  key: string,
  image: JobImage,
  warnings: string[],
): Promise<EnsuredMedia | null> {
  const saved = job.remoteMedia[image.id];
  const savedId = saved ? Number(saved.id) : NaN;
  let repaired = false;
  if (saved && Number.isInteger(savedId) && savedId > 0) {
    const live = await client.getMedia(savedId);
    if (live) return { id: String(live.id), url: live.sourceUrl, media: live, repaired: false };
    repaired = true;
  } else if (saved) {
    repaired = true;
  }
  const role = mediaRole(image);
  if (!image.absolutePath || !fs.existsSync(image.absolutePath)) {
    const gone = repaired ? ' (and its media item was deleted on the site)' : '';
    warnings.push(`image ${role} skipped: its file ${image.absolutePath ?? '(none)'} is missing${gone}`);
    return null;
  }
  const slug = mediaMarkerSlug(key, role);
  let media: WpMedia | undefined = (await client.findMediaBySlug(slug))[0];
  if (!media) {
    const ext = path.extname(image.absolutePath).toLowerCase();
    const uploaded = await client.uploadMedia(
      new Uint8Array(fs.readFileSync(image.absolutePath)),
      `${job.content.slug}-${role}${ext}`,
      image.mime ?? MIME_BY_EXT[ext] ?? 'application/octet-stream',
      {
        alt: image.alt ?? job.content.title,
        title: image.alt ?? job.content.title,
        ...(image.caption ? { caption: image.caption } : {}),
        slug,
      },
    );
    media = uploaded;
    if (uploaded.slug !== slug) {
      // WordPress gave "…-2": an earlier attempt's upload was still finishing when we looked.
      // Keep that first item and drop ours, so the library holds one copy.
      const first = (await client.findMediaBySlug(slug))[0];
      if (first && first.id !== uploaded.id) {
        await deleteMedia(client, uploaded.id);
        media = first;
      }
    }
  }
  const ref = { id: String(media.id), url: media.sourceUrl };
  await job.saveMedia(image.id, ref);
  return { ...ref, media, repaired };
}

/** Attach each media item to the post (the library's "Uploaded to"), where it is not yet. */
export async function attachMedia(client: WordPressClient, postId: number, items: EnsuredMedia[]) {
  for (const item of items) {
    if (item.media.post === postId) continue;
    item.media = await client.updateMedia(item.media.id, { post: postId });
  }
}
