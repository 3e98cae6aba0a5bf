import type { AiSaver } from '../ai/functions/index.js';
import { saveDraft, type SavedDraft } from './save-draft.js';

/**
 * The writer's save of a `generate_content` result: the article becomes a draft (or rewrites the
 * task's draft) with this call's provenance, and the task turns done.
 * @example await core.ai.run(scope, 'generate_content', input, { save: true, persist: saveGeneratedDraft })
 */
export const saveGeneratedDraft: AiSaver<'generate_content', SavedDraft> = async (
  trx,
  scope,
  input,
  out,
  meta,
) =>
  saveDraft(
    trx,
    scope,
    { name: 'generate_content', taskId: input.taskId, ideaId: input.ideaId, clusterId: input.clusterId },
    {
      title: out.title,
      slug: out.slug,
      html: out.html,
      excerpt: out.excerpt,
      metaTitle: out.metaTitle,
      metaDescription: out.metaDescription,
      focusKeyword: out.focusKeyword,
      keywords: out.keywords,
      wordCount: out.wordCount,
      grounding: out.grounding,
      provenance: {
        provider: meta.provider,
        model: meta.model,
        tokensIn: meta.tokensIn,
        tokensOut: meta.tokensOut,
        credits: meta.credits,
        promptKey: meta.promptKey,
        promptVersion: meta.promptVersion,
        promptSource: meta.promptSource,
        sandbox: meta.sandbox,
        opId: meta.opId,
        structure: input.idea.structure,
      },
    },
  );
