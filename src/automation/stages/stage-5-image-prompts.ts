import { findContentLanguage } from '../../tenancy/site.repository.js';
import { DEFAULT_LANGUAGE } from '../../util/language.js';
import { headings } from '../../writer/html-text.js';
import type { Stage } from '../stage-context.js';
import { inRun } from './stage-helpers.js';
import { saveGeneratedImagePrompts } from '../../writer/save-generated-image-prompts.js';

/** Stage 5, articles → image prompts: one featured + N inline per article; the image rows are the checkpoint. */
export const stage5ImagePrompts: Stage = {
  n: 5,
  async select(ctx, limit) {
    const rows = await inRun(
      ctx,
      ctx.core.db.selectFrom('contents').select(['contents.id', 'contents.title']),
      'contents.',
    )
      .where('contents.status', '!=', 'rejected')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('images').select('images.id').whereRef('images.content_id', '=', 'contents.id'),
          ),
        ),
      )
      .orderBy('contents.created_at')
      .orderBy('contents.id')
      .limit(limit ?? 1_000_000)
      .execute();
    return rows.map((r) => ({ id: r.id, label: r.title }));
  },
  async process(ctx, item) {
    const c = await ctx.core.db
      .selectFrom('contents')
      .selectAll()
      .where('account_id', '=', ctx.scope.accountId)
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    const language = await findContentLanguage(ctx.core.db, c.account_id, c.site_id, c.sector_id);
    const res = await ctx.core.ai.run(
      { ...ctx.scope, sectorId: c.sector_id },
      'generate_image_prompts',
      {
        contentId: c.id,
        content: {
          title: c.title,
          focusKeyword: c.focus_keyword,
          excerpt: c.excerpt,
          headings: headings(c.html)
            .filter((h) => h.level === 2)
            .map((h) => h.text)
            .slice(0, 30),
        },
        maxImages: ctx.options.maxImages,
        // Alt text and captions in the article's language (absent for English).
        ...(language !== DEFAULT_LANGUAGE ? { language } : {}),
      },
      {
        opId: `image-prompts:${c.id}`,
        item: c.title,
        save: true,
        persist: saveGeneratedImagePrompts,
        beforeSave: ctx.beforeSave,
        model: ctx.options.textModel,
      },
    );
    return { credits: res.credits, created: 1 + ctx.options.maxImages };
  },
  estimateItem: () => 2,
};
