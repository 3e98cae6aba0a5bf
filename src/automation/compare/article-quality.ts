import { findAiPhrases } from '../../ai/index.js';
import { checkSeo, headings, htmlToText } from '../../writer/index.js';

export interface ArticleQuality {
  words: number;
  targetWords: number;
  /** words ÷ target; the SEO check passes within 0.8–1.2. */
  lengthRatio: number;
  /** H2 sections written against the outline's sections (the validator accepts one fewer). */
  outline: { sections: number; h2: number; followed: boolean };
  seoScore: number;
  readingEase: number;
  /** Banned and filler phrasing found (the list optimize_content scrubs). */
  aiPhrases: string[];
}

/** Pure: the checks igny8 already runs on an article, applied to one written for comparison. */
export function articleQuality(
  article: {
    title: string;
    slug: string;
    html: string;
    metaTitle?: string | null;
    metaDescription?: string | null;
    focusKeyword?: string | null;
  },
  idea: { targetWords: number; outlineSections: number },
): ArticleQuality {
  const report = checkSeo({
    title: article.title,
    slug: article.slug,
    html: article.html,
    metaTitle: article.metaTitle ?? null,
    metaDescription: article.metaDescription ?? null,
    focusKeyword: article.focusKeyword ?? null,
    targetWords: idea.targetWords,
  });
  const h2 = headings(article.html).filter((h) => h.level === 2).length;
  return {
    words: report.wordCount,
    targetWords: idea.targetWords,
    lengthRatio: idea.targetWords ? Math.round((report.wordCount / idea.targetWords) * 100) / 100 : 1,
    outline: { sections: idea.outlineSections, h2, followed: h2 >= idea.outlineSections - 1 },
    seoScore: report.score,
    readingEase: report.readingEase,
    aiPhrases: findAiPhrases(htmlToText(article.html)),
  };
}
