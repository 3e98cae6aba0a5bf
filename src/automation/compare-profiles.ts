import type { z } from 'zod';
import { CompareRequestSchema } from '../api-contract/compare.schema.js';
import type { Outline } from '../ai/functions/common.schema.js';
import type { AiModel } from '../models/ai-model.schema.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { groundIdea } from '../kb/ground-idea.js';
import { imageCredits } from '../models/pricing.js';
import { sampleIdeaRows } from '../planner/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { newId } from '../util/ids.js';
import { parseJson } from '../util/json.js';
import { htmlToText } from '../writer/index.js';
import type { AutomationDeps } from './automation-deps.js';
import { articleQuality } from './compare/article-quality.js';
import { duplicateShares } from './compare/duplicate-passages.js';
import { priceTable, type PriceTable } from './compare/price-table.js';
import { summarizeProfile, type ComparedArticle, type ProfileSummary } from './compare/summarize-profile.js';
import { profileChoice } from './apply-cost-profile.js';
import type { CostProfileKey } from './cost-profiles.js';

/** Profiles (each once), sample size 1–20 (default 5), optional sector: the API contract's fields. */
export const CompareInputSchema = CompareRequestSchema.omit({ siteId: true });
export type CompareInput = z.input<typeof CompareInputSchema>;

export interface ProfileComparison {
  profile: CostProfileKey;
  textModel: string;
  imageModel: string;
  maxImages: number;
  /** True when the sandbox answered (no key for the profile's text provider): free and not a real model. */
  sandbox: boolean;
  articles: ComparedArticle[];
  summary: ProfileSummary;
}

export interface Comparison {
  /** Op ids of the usage log and the ledger start with `compare:<id>:`. */
  id: string;
  /** What was asked (after defaults), so a stored result can be read and reproduced on its own. */
  inputs: { siteId: string; sectorId?: string; profiles: CostProfileKey[]; sample: number };
  sample: Array<{ ideaId: string; title: string }>;
  profiles: ProfileComparison[];
  /** The registry prices of the models that answered and priced the images, with their version. */
  prices: PriceTable;
}

/**
 * Write the same sample of ideas under each cost profile and put cost per article beside the
 * quality checks igny8 already runs. The articles are kept in memory, never saved as content, so
 * none can reach review or publishing; the text calls are metered and charged like any run's.
 * Images are priced from the profile's image model (featured + inline), not generated.
 * @example await compareProfiles(core, scope, { profiles: ['economy', 'standard'], sample: 5 })
 */
export async function compareProfiles(
  core: AutomationDeps,
  scope: SiteScope,
  raw: CompareInput,
): Promise<Comparison> {
  const input = parseInput(CompareInputSchema, raw, 'compare options');
  const ideas = await sampleIdeaRows(core.db, { ...scope, sectorId: input.sectorId }, input.sample);
  if (ideas.length === 0)
    throw new Igny8Error('COMPARE_NO_SAMPLE', 'The site has no ideas to write a comparison sample from', {
      action: { id: 'list_ideas' },
    });
  const id = newId();
  const site = await siteContext(core, scope);
  const profiles: ProfileComparison[] = [];
  const priced: AiModel[] = [];
  for (const key of input.profiles) {
    const choice = await profileChoice(core, scope, key);
    const [text, image] = await Promise.all([
      core.ai.resolveModel(scope, 'generate_content', choice.textModel),
      core.ai.resolveModel(scope, 'generate_images', choice.imageModel),
    ]);
    priced.push(text.model, image.model);
    const articles: ComparedArticle[] = [];
    const texts: string[] = [];
    for (const idea of ideas) {
      const ideaInput = {
        title: idea.title,
        brief: idea.brief,
        outline: parseJson<Outline>(idea.outline, { sections: [] }),
        primaryKeywords: parseJson<string[]>(idea.primary_keywords, []),
        secondaryKeywords: parseJson<string[]>(idea.secondary_keywords, []),
        targetWords: idea.target_words,
        contentType: idea.content_type as never,
        structure: idea.structure as never,
      };
      try {
        const grounding = await groundIdea(
          core.db,
          { accountId: scope.accountId, siteId: idea.site_id },
          ideaInput,
        );
        const res = await core.ai.run(
          { ...scope, sectorId: idea.sector_id },
          'generate_content',
          { ideaId: idea.id, idea: ideaInput, site, ...grounding },
          { opId: `compare:${id}:${key}:${idea.id}`, model: choice.textModel, item: idea.title },
        );
        const quality = articleQuality(res.output, {
          targetWords: idea.target_words,
          outlineSections: ideaInput.outline.sections.length,
        });
        texts.push(htmlToText(res.output.html));
        articles.push({
          ideaId: idea.id,
          title: res.output.title,
          ...quality,
          credits: res.credits,
          usd: res.usd,
        });
      } catch (err) {
        // Out of credits stops the comparison; a failed article is reported and the rest go on.
        if (err instanceof Igny8Error && err.code === 'INSUFFICIENT_CREDITS') throw err;
        const code = err instanceof Igny8Error ? err.code : 'INTERNAL';
        const message = err instanceof Error ? err.message : String(err);
        articles.push({ ideaId: idea.id, title: idea.title, credits: 0, usd: 0, error: { code, message } });
      }
    }
    const shares = duplicateShares(texts);
    articles.filter((a) => !a.error).forEach((a, i) => (a.duplicateShare = shares[i]));
    const perArticleImages = 1 + choice.maxImages;
    profiles.push({
      ...choice,
      sandbox: text.sandbox,
      articles,
      summary: summarizeProfile(articles, {
        usd: perArticleImages * (image.model.imagePrice ?? 0),
        credits: imageCredits(image.model, perArticleImages),
        images: perArticleImages,
      }),
    });
  }
  return {
    id,
    inputs: {
      siteId: scope.siteId,
      ...(input.sectorId ? { sectorId: input.sectorId } : {}),
      profiles: input.profiles,
      sample: input.sample,
    },
    sample: ideas.map((i) => ({ ideaId: i.id, title: i.title })),
    profiles,
    prices: priceTable(priced),
  };
}

async function siteContext(core: AutomationDeps, scope: SiteScope) {
  const s = await core.db
    .selectFrom('sites')
    .select(['name', 'domain', 'industry'])
    .where('account_id', '=', scope.accountId)
    .where('id', '=', scope.siteId)
    .executeTakeFirstOrThrow();
  return {
    name: s.name,
    ...(s.domain ? { domain: s.domain } : {}),
    ...(s.industry ? { industry: s.industry } : {}),
  };
}

export type { ComparedArticle, ProfileSummary };
