export type {
  Destination,
  DestinationKind,
  PublishJob,
  PublishOutcome,
  RemoteState,
} from './destination.types.js';
export {
  createDestinationStore,
  DestinationInputSchema,
  toDestinationView,
  type DestinationInput,
  type DestinationStore,
  type DestinationView,
} from './destination.service.js';
export { createFolderDestination } from './folder-destination.js';
export {
  openDestination,
  registerWordPressDestination,
  type WordPressDestinationFactory,
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
export { isValidTimezone, zonedParts, zonedToUtc } from './zoned-time.js';
