export type {
  Destination,
  DestinationKind,
  PublishJob,
  PublishOutcome,
  RemoteState,
} from './destination.types.js';
export {
  createDestinationStore,
  toDestinationView,
  type DestinationInput,
  type DestinationStore,
  type DestinationView,
} from './destination.service.js';
export { createFolderDestination } from './folder-destination.js';
export {
  DESTINATION_KINDS,
  DestinationInputSchema,
  openDestination,
  type DestinationDescriptor,
  type OpenDestinationContext,
} from './open-destination.js';
export { planSchedule, type PlannedSlot, type ScheduleInput } from './plan-schedule.js';
export {
  createPublisher,
  siteSettings,
  type PublishOptions,
  type PublishResult,
  type Publisher,
} from './publisher.service.js';
export { PublishingSettingsSchema, WEEKDAYS, type PublishingSettings } from './publishing-settings.schema.js';
export { createWebhookDestination, signWebhook } from './webhook-destination.js';
export { formatZoned, isValidTimezone, zonedParts, zonedToUtc } from './zoned-time.js';
export { siteStatus } from './site-status.js';
export {
  getPublishingSettings,
  PublishingSettingsPatchSchema,
  updatePublishingSettings,
  type PublishingSettingsPatch,
} from './publishing-settings.service.js';
export { clusterName, internalHrefResolver, liveUrlsBySlug } from './live-links.js';
export {
  createWordPressDestination,
  markerKey,
  WordPressDestinationConfigSchema,
  type WordPressDestinationConfig,
  type WordPressDestinationOptions,
} from './wordpress-destination.js';
export {
  connectWordPress,
  findWordPressDestination,
  testWordPress,
  WpConnectInputSchema,
  type WpConnectInput,
  type WpConnectResult,
} from './wordpress-connection.js';
export { mediaRole } from './wordpress-media-upload.js';
export { MAX_TAGS, termNamesFor } from './wordpress-terms-cache.js';
export { wordpressTestResult } from './wordpress-test-result.js';
export { jsonLdLeftOut, placeJsonLd, type JsonLdPlacement } from './wordpress-json-ld.js';
export { SEO_PLUGIN_FILE, writeSeoPlugin } from './wordpress-seo-plugin.js';
export { assertNoSampleContent, isLoopbackDestination, isSampleContent } from './sample-guard.js';
