import { markImageFailed, markImageGenerating } from '../../writer/index.js';
import type { Stage } from '../stage-context.js';
import { inRun, recordFailure } from './stage-helpers.js';
import { saveGeneratedImage } from '../../writer/save-generated-image.js';

/** Stage 6, image prompts → images: files stored by content hash; the image row turning "done" is the checkpoint. */
export const stage6Images: Stage = {
  n: 6,
  async select(ctx, limit) {
    const rows = await inRun(
      ctx,
      ctx.core.db
        .selectFrom('images')
        .select(['id', 'role', 'position', 'content_id'])
        .where('status', 'in', ['pending', 'generating']),
    )
      .orderBy('created_at')
      .orderBy('content_id')
      .orderBy('role')
      .orderBy('position')
      .limit(limit ?? 1_000_000)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      label: `${r.role} image ${r.position} of ${r.content_id.slice(0, 8)}`,
    }));
  },
  async process(ctx, item) {
    const db = ctx.core.db;
    const img = await db
      .selectFrom('images')
      .selectAll()
      .where('account_id', '=', ctx.scope.accountId)
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    if (img.status === 'done') return { credits: 0, created: 0 };
    await markImageGenerating(db, img.id);
    try {
      const res = await ctx.core.ai.run(
        { ...ctx.scope, sectorId: img.sector_id },
        'generate_images',
        { imageId: img.id, prompt: img.prompt, negativePrompt: img.negative_prompt, role: img.role },
        {
          opId: `image:${img.id}`,
          item: item.label,
          save: true,
          persist: saveGeneratedImage,
          beforeSave: ctx.beforeSave,
          model: ctx.options.imageModel,
        },
      );
      return { credits: res.credits, created: 1 };
    } catch (err) {
      await recordFailure(ctx, (trx) => markImageFailed(trx, img.id, (err as Error).message));
      throw err;
    }
  },
  estimateItem: () => 5,
};
