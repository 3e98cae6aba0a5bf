export { applyLinks, type LinkSuggestion } from './apply-links.js';
export {
  contentLinkCandidates,
  linkCandidates,
  matchKeywords,
  MAX_LINK_CANDIDATES,
} from './link-candidates.js';
export { articlesToRelink, linksMayChange, MAX_LINK_REVISITS, stillToRelink } from './link-revisits.js';
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
export {
  toContentSummary,
  toContentView,
  toImageView,
  type ContentSummary,
  type ContentView,
  type ImageView,
} from './content-view.js';
export { loadPublishStates, type ContentPublishState } from './content-publish-state.js';
export {
  exportContent,
  renderArticle,
  type ExportOptions,
  type ExportedFile,
  type RenderedArticle,
} from './export-content.js';
export {
  ContentExportSchema,
  createContentExportService,
  MAX_EXPORT_ARTICLES,
  type ContentExportInput,
  type ContentExportService,
  type ImageUrlFor,
} from './content-export.service.js';
export {
  createImageService,
  getImage,
  listImages,
  ListImagesSchema,
  regenerateImage,
  RegenerateImageSchema,
  type GalleryImage,
  type ImageService,
  type ImageServiceDeps,
  type ListImagesInput,
  type RegenerateImageInput,
} from './images.service.js';
export {
  createTaskService,
  getTask,
  listTasks,
  ListTasksSchema,
  type ListTasksInput,
  type TaskService,
  type TaskView,
} from './tasks.service.js';
export { countWords, headings, htmlToText } from './html-text.js';
export { sanitizeArticleHtml } from './sanitize-article.js';
export { checkSeo, readingEase, type SeoCheck, type SeoInput, type SeoReport } from './seo-check.js';
export { findContent, findContentByTask, insertContent, updateContent } from './contents.repository.js';
export {
  findTask,
  insertTask,
  markTaskDone,
  markTaskFailed,
  markTaskRunning,
  requeueRunningTasks,
} from './tasks.repository.js';
export { saveDraft, type DraftArticle, type SavedDraft } from './save-draft.js';
export type { SavedDraft as SavedContent } from './save-draft.js';
export type { SavedImagePrompts } from './save-generated-image-prompts.js';
export {
  deleteUnfinishedImages,
  insertImage,
  markImageFailed,
  markImageGenerating,
  resetGeneratingImages,
  updateImage,
} from './images.repository.js';
export { savePlannedImages, type PlannedImage } from './save-planned-images.js';
export { attachImageFile, type ImageFile } from './attach-image-file.js';
export { saveRewrite, type ArticleRewrite } from './save-rewrite.js';
export { saveLinkSuggestions } from './save-link-suggestions.js';
export {
  createTaskPromptService,
  TASK_PROMPT_FUNCTIONS,
  type TaskPromptFunction,
  type TaskPromptService,
  type TaskPromptView,
} from './task-prompt.js';
export {
  bannedPhraseIssues,
  findBannedPhrases,
  removeBannedPhrases,
  VoiceCheckSchema,
  VoiceGuideSchema,
  voiceInstructions,
  type VoiceCheck,
  type VoiceGuide,
} from './voice-guide.js';
export {
  createSiteVoiceService,
  VoiceGuidePatchSchema,
  type SiteVoiceService,
  type SiteVoiceView,
  type VoiceGuidePatch,
} from './site-voice.service.js';
export { articleSite, type ArticleSite } from './article-site.js';
export {
  faqPairs,
  h2Sections,
  headingId,
  howToSteps,
  jsonLdScript,
  structuredData,
  withTableOfContents,
  type StructuredArticle,
  type StructuredDataContext,
} from './structured-data.js';
export {
  articleDiff,
  createOptimizeService,
  lastOptimizeDiff,
  optimizeContent,
  OptimizeOptionsSchema,
  type OptimizeDiff,
  type OptimizeOptions,
  type OptimizeResult,
  type OptimizeService,
  type WordChange,
} from './optimize-content.service.js';
