import type { z } from 'zod';
import type {
  AccountDetailsSchema,
  AiModelSchema,
  ApiKeySchema,
  InviteCreatedSchema,
  InvitePreviewSchema,
  InviteSchema,
  AuthSessionSchema,
  BalanceSchema,
  CalendarEntrySchema,
  ClusterRunReportSchema,
  ClusterSchema,
  ContentEditRequestSchema,
  ContentExportResultSchema,
  ContentSchema,
  CreatedApiKeySchema,
  DestinationSchema,
  GalleryImageSchema,
  IdeaSchema,
  ImageSchema,
  ImportReportSchema,
  InventoryItemSchema,
  MergePlanSchema,
  RefreshCandidatesSchema,
  KeywordSchema,
  LedgerEntrySchema,
  MeSchema,
  ModuleStateSchema,
  NotificationSchema,
  pageSchema,
  PromptInfoSchema,
  PromptSchema,
  ProviderKeyInfoSchema,
  PublishingSettingsViewSchema,
  PublishResultSchema,
  ComparisonSchema,
  RunCostSchema,
  RunEstimateSchema,
  RunEventSchema,
  RunLogEntrySchema,
  RunSchema,
  SearchHitSchema,
  SearchResultSchema,
  SectorSchema,
  SitePublishingSchema,
  SiteSchema,
  SiteSummarySchema,
  SiteVoiceSchema,
  TaskPromptSchema,
  OptimizeDiffSchema,
  OptimizeResultSchema,
  VoiceGuidePatchSchema,
  TaskSchema,
  UsageRowSchema,
  UsageSummaryRowSchema,
  UserSchema,
  WordPressConnectResultSchema,
  DestinationTestResultSchema,
  ErrorEnvelopeSchema,
  WebhookDestinationResultSchema,
  WordPressReportSchema,
} from '../../../src/api-contract/index.js';

// Shapes the API contract already defines: types only, so no zod reaches the bundle.
export type AuthSession = z.infer<typeof AuthSessionSchema>;
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
export type Me = z.infer<typeof MeSchema>;
export type AccountDetails = z.infer<typeof AccountDetailsSchema>;
export type ModuleState = z.infer<typeof ModuleStateSchema>;
export type User = z.infer<typeof UserSchema>;
export type ApiKey = z.infer<typeof ApiKeySchema>;
export type Invite = z.infer<typeof InviteSchema>;
export type InviteCreated = z.infer<typeof InviteCreatedSchema>;
export type InvitePreview = z.infer<typeof InvitePreviewSchema>;
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;
export type Site = z.infer<typeof SiteSchema>;
export type SiteSummary = z.infer<typeof SiteSummarySchema>;
export type Sector = z.infer<typeof SectorSchema>;
export type SiteVoice = z.infer<typeof SiteVoiceSchema>;
export type VoiceGuide = NonNullable<SiteVoice['guide']>;
export type VoiceGuidePatch = z.input<typeof VoiceGuidePatchSchema>;
export type TaskPrompt = z.infer<typeof TaskPromptSchema>;
export type OptimizeResult = z.infer<typeof OptimizeResultSchema>;
export type OptimizeDiff = z.infer<typeof OptimizeDiffSchema>;
export type DiffSegment = OptimizeDiff['segments'][number];
export type Balance = z.infer<typeof BalanceSchema>;
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export type UsageRow = z.infer<typeof UsageRowSchema>;
export type UsageSummaryRow = z.infer<typeof UsageSummaryRowSchema>;
export type Notification = z.infer<typeof NotificationSchema>;
export type AiModel = z.infer<typeof AiModelSchema>;
export type PromptInfo = z.infer<typeof PromptInfoSchema>;
export type Prompt = z.infer<typeof PromptSchema>;
export type ProviderKeyInfo = z.infer<typeof ProviderKeyInfoSchema>;
export type SearchHit = z.infer<typeof SearchHitSchema>;
export type SearchResult = z.infer<typeof SearchResultSchema>;
export type Keyword = z.infer<typeof KeywordSchema>;
export type Cluster = z.infer<typeof ClusterSchema>;
export type ImportReport = z.infer<typeof ImportReportSchema>;
export type InventoryItem = z.infer<typeof InventoryItemSchema>;
export type RefreshCandidates = z.infer<typeof RefreshCandidatesSchema>;
export type RefreshCandidate = RefreshCandidates['candidates'][number];
export type MergePlan = z.infer<typeof MergePlanSchema>;
export type ClusterRunReport = z.infer<typeof ClusterRunReportSchema>;
export type Idea = z.infer<typeof IdeaSchema>;
export type OutlineSection = NonNullable<Idea['outline']>['sections'][number];
export type Task = z.infer<typeof TaskSchema>;
export type Content = z.infer<typeof ContentSchema>;
export type ImageView = z.infer<typeof ImageSchema>;
export type GalleryImage = z.infer<typeof GalleryImageSchema>;
export type ContentExportResult = z.infer<typeof ContentExportResultSchema>;
export type SeoReport = NonNullable<Content['seoReport']>;
export type SeoCheck = SeoReport['checks'][number];
export type LinkSuggestion = NonNullable<Content['linkSuggestions']>['suggestions'][number];
export type Destination = z.infer<typeof DestinationSchema>;
export type WordPressReport = z.infer<typeof WordPressReportSchema>;
export type WordPressConnectResult = z.infer<typeof WordPressConnectResultSchema>;
export type DestinationTestResult = z.infer<typeof DestinationTestResultSchema>;
export type WebhookDestinationResult = z.infer<typeof WebhookDestinationResultSchema>;
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;
export type PublishResult = z.infer<typeof PublishResultSchema>;
export type PublishingSettings = z.infer<typeof PublishingSettingsViewSchema>;
export type SitePublishing = z.infer<typeof SitePublishingSchema>;
export type Run = z.infer<typeof RunSchema>;
export type RunStatus = Run['status'];
export type StageResult = Run['results'][string];
export type RunEstimate = z.infer<typeof RunEstimateSchema>;
export type RunCost = z.infer<typeof RunCostSchema>;
export type Comparison = z.infer<typeof ComparisonSchema>;
export type StagePlan = RunEstimate['stages'][number];
export type RunLog = z.infer<typeof RunLogEntrySchema>;

/** One page of a list route (`pageSchema(item)` of the contract). */
export type Page<T> = Omit<z.infer<ReturnType<typeof pageSchema>>, 'results'> & { results: T[] };

export type ContentEdit = z.infer<typeof ContentEditRequestSchema>;

/** The run's event stream (SSE), as the contract's RunEventSchema defines it. */
export type RunEvent = z.infer<typeof RunEventSchema>;
