import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { findContent } from './contents.repository.js';
import { deleteUnfinishedImages, imageSlotsOf, insertImage } from './images.repository.js';

/** An image planned for an article, to be drawn later. */
export interface PlannedImage {
  role: 'featured' | 'inline';
  position: number;
  prompt: string;
  negativePrompt?: string | null | undefined;
  alt: string;
  caption?: string | null | undefined;
}

/**
 * Store one pending image row per planned image, replacing the article's earlier unfinished ones;
 * a role and position already drawn (done) is kept and skipped.
 */
export async function savePlannedImages(
  trx: Db,
  scope: Scope,
  contentId: string,
  images: PlannedImage[],
): Promise<{ imageIds: string[] }> {
  const content = await findContent(trx, scope, contentId);
  if (!content) throw new Igny8Error('CONTENT_NOT_FOUND', `Content ${contentId} not found`);
  await deleteUnfinishedImages(trx, scope, content.id);
  const done = await imageSlotsOf(trx, scope, content.id);
  const taken = new Set(done.map((d) => `${d.role}:${d.position}`));
  const now = nowIso();
  const imageIds: string[] = [];
  for (const img of images) {
    if (taken.has(`${img.role}:${img.position}`)) continue;
    const id = newId();
    imageIds.push(id);
    await insertImage(trx, {
      id,
      account_id: scope.accountId,
      site_id: content.site_id,
      sector_id: content.sector_id,
      content_id: content.id,
      role: img.role,
      position: img.position,
      prompt: img.prompt,
      negative_prompt: img.negativePrompt || null,
      alt: img.alt,
      caption: img.caption ?? null,
      file_path: null,
      sha256: null,
      mime: null,
      width: null,
      height: null,
      size_bytes: null,
      model: null,
      error: null,
      status: 'pending',
      created_at: now,
      updated_at: now,
    });
  }
  return { imageIds };
}
