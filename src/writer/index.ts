export { applyLinks, type LinkSuggestion } from './apply-links.js';
export { composeArticleHtml, type ArticleImage } from './compose-article.js';
export {
  createContentService,
  competingTitles,
  scoreContent,
  ContentEditSchema,
  ContentListQuerySchema,
  type ContentEdit,
  type ContentService,
} from './content.service.js';
export { toContentView, toImageView, type ContentView, type ImageView } from './content-view.js';
export { exportContent, type ExportOptions, type ExportedFile } from './export-content.js';
export { countWords, htmlToText } from './html-text.js';
export { sanitizeArticleHtml } from './sanitize-article.js';
export { checkSeo, readingEase, type SeoCheck, type SeoInput, type SeoReport } from './seo-check.js';
