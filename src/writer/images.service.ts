import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import type { AiEngine } from '../ai/index.js';
import { transaction, type Db, type ImagesTable } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import type { GalleryImageSchema } from '../api-contract/content.schema.js';
import { IMAGE_ROLES, IMAGE_STATUSES } from '../api-contract/enum-values.js';
import { toImageView, type ImageView } from './content-view.js';
import { updateImage } from './images.repository.js';
import { saveGeneratedImage } from './save-generated-image.js';

/** An image in the gallery: the contract's view (site, sector, article, times) plus the file path. */
export type GalleryImage = z.infer<typeof GalleryImageSchema> & ImageView;

export const ListImagesSchema = z.object({
  contentId: z.string().min(1).max(100).optional().describe('Only the images of this article.'),
  status: z.enum(IMAGE_STATUSES).optional(),
  role: z.enum(IMAGE_ROLES).optional().describe('Featured or in-article images only.'),
  limit: z.number().int().min(1).max(1000).default(50).describe('Page size (1–1000).'),
  offset: z.number().int().min(0).default(0).describe('Rows to skip.'),
});
export type ListImagesInput = z.input<typeof ListImagesSchema>;

export const RegenerateImageSchema = z
  .object({
    prompt: z
      .string()
      .trim()
      .min(3)
      .max(4000)
      .optional()
      .describe('A new prompt (default: keep the stored one).'),
    negativePrompt: z
      .string()
      .max(1000)
      .nullable()
      .optional()
      .describe('A new negative prompt; null clears it.'),
  })
  .strict();
export type RegenerateImageInput = z.input<typeof RegenerateImageSchema>;

export interface ImageServiceDeps {
  /** The AI engine that draws (metered: reserve → call → settle, or release on failure). */
  ai: Pick<AiEngine, 'run'>;
}

type ImageRow = Selectable<ImagesTable> & { content_title: string | null; content_slug: string | null };

function filtered(db: Db, scope: Scope, f: Omit<z.output<typeof ListImagesSchema>, 'limit' | 'offset'>) {
  let q = db.selectFrom('images').where('images.account_id', '=', scope.accountId);
  if (scope.siteId) q = q.where('images.site_id', '=', scope.siteId);
  if (scope.sectorId) q = q.where('images.sector_id', '=', scope.sectorId);
  if (f.contentId) q = q.where('images.content_id', '=', f.contentId);
  if (f.status) q = q.where('images.status', '=', f.status);
  if (f.role) q = q.where('images.role', '=', f.role);
  return q;
}

function withContent(q: ReturnType<typeof filtered>) {
  return q
    .leftJoin('contents', (j) =>
      j.onRef('contents.id', '=', 'images.content_id').onRef('contents.account_id', '=', 'images.account_id'),
    )
    .selectAll('images')
    .select(['contents.title as content_title', 'contents.slug as content_slug']);
}

function toGalleryImage(r: ImageRow): GalleryImage {
  return {
    ...toImageView(r),
    siteId: r.site_id,
    sectorId: r.sector_id,
    contentTitle: r.content_title ?? null,
    contentSlug: r.content_slug ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * One page of images in the account (narrowed by site and sector when scoped), grouped by article
 * (newest articles first): featured before inline, in article order.
 * @example await listImages(db, { accountId, siteId }, { status: 'failed' })
 */
export async function listImages(
  db: Db,
  scope: Scope,
  input: ListImagesInput = {},
): Promise<{ items: GalleryImage[]; total: number }> {
  const v = parseInput(ListImagesSchema, input, 'image list');
  const rows = await withContent(filtered(db, scope, v))
    .orderBy('contents.created_at', 'desc')
    .orderBy('images.content_id')
    .orderBy('images.role')
    .orderBy('images.position')
    .orderBy('images.id')
    .limit(v.limit)
    .offset(v.offset)
    .execute();
  const count = await filtered(db, scope, v)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toGalleryImage), total: Number(count.n) };
}

/**
 * One image of the account; IMAGE_NOT_FOUND for another account's id.
 * @example await getImage(db, { accountId }, imageId)
 */
export async function getImage(db: Db, scope: Scope, id: string): Promise<GalleryImage> {
  const row = await withContent(filtered(db, scope, {}))
    .where('images.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    throw new Igny8Error('IMAGE_NOT_FOUND', `No image ${id} in this account`, {
      hint: 'List images with GET /images.',
    });
  }
  return toGalleryImage(row);
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

type ImagesRow = Selectable<ImagesTable>;

/** In one transaction: refuse an image being drawn, else set it pending with the prompt to draw. */
function resetImage(
  db: Db,
  scope: Scope,
  id: string,
  p: z.output<typeof RegenerateImageSchema>,
): Promise<{ before: ImagesRow; prompt: string; negativePrompt: string | null }> {
  return transaction(db, async (trx) => {
    const before = await trx
      .selectFrom('images')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!before) throw new Igny8Error('IMAGE_NOT_FOUND', `No image ${id} in this account`);
    if (before.status === 'generating') {
      throw new Igny8Error('INVALID_STATE', `Image ${id} is being generated right now`, {
        hint: 'Wait for it to finish (or for the automation run to move on), then try again.',
      });
    }
    const prompt = p.prompt ?? before.prompt;
    const negativePrompt = p.negativePrompt !== undefined ? p.negativePrompt : before.negative_prompt;
    await updateImage(trx, scope, id, {
      status: 'pending',
      prompt,
      negative_prompt: negativePrompt,
      error: null,
      updated_at: nowIso(),
    });
    return { before, prompt, negativePrompt };
  });
}

/** After a failed drawing: a good earlier file stays (with the reason); otherwise the image failed. */
async function recordFailure(db: Db, scope: Scope, before: ImagesRow, err: unknown): Promise<void> {
  const kept = before.status === 'done' && before.file_path !== null;
  await updateImage(
    db,
    scope,
    before.id,
    kept
      ? {
          status: 'done',
          prompt: before.prompt,
          negative_prompt: before.negative_prompt,
          error: `Regeneration failed: ${errorText(err)}`.slice(0, 2000),
          updated_at: nowIso(),
        }
      : { status: 'failed', error: errorText(err), updated_at: nowIso() },
  );
}

/**
 * Draw one image again: reset it to pending (with its prompt, or a new one) in one transaction, then
 * run `generate_images` for it through the AI engine, metered like the pipeline's stage 6 (a fresh
 * operation id, so a regeneration is always charged as its own operation). When the drawing fails,
 * an image that had a good file keeps it (and says why the regeneration failed); one that had none
 * is marked failed, as stage 6 would.
 * @example await regenerateImage(db, { ai }, { accountId }, imageId, { prompt: 'A flat lay of coffee beans' })
 */
export async function regenerateImage(
  db: Db,
  deps: ImageServiceDeps,
  scope: Scope,
  id: string,
  input: RegenerateImageInput = {},
): Promise<GalleryImage> {
  const p = parseInput(RegenerateImageSchema, input, 'image regeneration');
  const { before, prompt, negativePrompt } = await resetImage(db, scope, id, p);
  await updateImage(db, scope, id, { status: 'generating', updated_at: nowIso() });
  try {
    await deps.ai.run(
      { accountId: scope.accountId, siteId: before.site_id, sectorId: before.sector_id },
      'generate_images',
      { imageId: id, prompt, negativePrompt, role: before.role },
      {
        opId: `image:${id}:regenerate:${newId()}`,
        item: `${before.role} image ${before.position} of ${before.content_id.slice(0, 8)}`,
        save: true,
        persist: saveGeneratedImage,
      },
    );
  } catch (err) {
    await recordFailure(db, scope, before, err);
    throw err;
  }
  return getImage(db, scope, id);
}

/**
 * The image gallery bound to a database and the AI engine.
 * @example await core.images.regenerate({ accountId }, imageId)
 */
export function createImageService(db: Db, deps: ImageServiceDeps) {
  return {
    list: (scope: Scope, input?: ListImagesInput) => listImages(db, scope, input),
    get: (scope: Scope, id: string) => getImage(db, scope, id),
    regenerate: (scope: Scope, id: string, input?: RegenerateImageInput) =>
      regenerateImage(db, deps, scope, id, input),
  };
}

export type ImageService = ReturnType<typeof createImageService>;
