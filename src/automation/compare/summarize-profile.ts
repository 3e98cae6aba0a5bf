import type { ArticleQuality } from './article-quality.js';

export interface ComparedArticle extends Partial<ArticleQuality> {
  ideaId: string;
  title: string;
  /** Share of this article's 8-word passages found in another article of the same profile. */
  duplicateShare?: number;
  /** Text credits and USD charged for writing it (images are priced, not generated). */
  credits: number;
  usd: number;
  error?: { code: string; message: string };
}

export interface ProfileSummary {
  articles: number;
  failed: number;
  /** Per written article: text as charged, images as priced, and both. */
  text: { usdPerArticle: number; creditsPerArticle: number };
  images: { usdPerArticle: number; creditsPerArticle: number; perArticle: number };
  usdPerArticle: number;
  creditsPerArticle: number;
  avgSeoScore: number;
  avgReadingEase: number;
  /** Articles whose H2 sections followed the outline, and whose length is within 20% of target. */
  outlineFollowed: number;
  lengthOnTarget: number;
  aiPhrases: number;
  avgDuplicateShare: number;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** Pure: a profile's articles added up, with image cost per article from the registry. */
export function summarizeProfile(
  articles: ComparedArticle[],
  images: { usd: number; credits: number; images: number },
): ProfileSummary {
  const ok = articles.filter((a) => !a.error);
  const avg = (f: (a: ComparedArticle) => number) =>
    ok.length ? ok.reduce((s, a) => s + f(a), 0) / ok.length : 0;
  const textUsd = avg((a) => a.usd);
  const textCredits = avg((a) => a.credits);
  return {
    articles: ok.length,
    failed: articles.length - ok.length,
    text: { usdPerArticle: round(textUsd, 6), creditsPerArticle: round(textCredits, 2) },
    images: {
      usdPerArticle: round(images.usd, 6),
      creditsPerArticle: images.credits,
      perArticle: images.images,
    },
    usdPerArticle: round(textUsd + images.usd, 6),
    creditsPerArticle: round(textCredits + images.credits, 2),
    avgSeoScore: round(
      avg((a) => a.seoScore ?? 0),
      1,
    ),
    avgReadingEase: round(
      avg((a) => a.readingEase ?? 0),
      1,
    ),
    outlineFollowed: ok.filter((a) => a.outline?.followed).length,
    lengthOnTarget: ok.filter((a) => (a.lengthRatio ?? 0) >= 0.8 && (a.lengthRatio ?? 0) <= 1.2).length,
    aiPhrases: ok.reduce((s, a) => s + (a.aiPhrases?.length ?? 0), 0),
    avgDuplicateShare: round(
      avg((a) => a.duplicateShare ?? 0),
      3,
    ),
  };
}
