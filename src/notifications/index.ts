export {
  MarkReadInputSchema,
  NOTIFICATION_LEVELS,
  NotificationInputSchema,
  NotificationListQuerySchema,
  type Notification,
  type NotificationInput,
  type NotificationListQuery,
} from './notification.schema.js';
export {
  createNotificationService,
  insertNotification,
  toNotification,
  type NotificationService,
} from './notification.service.js';
export {
  createChannelService,
  type ChannelInput,
  type ChannelService,
  type ChannelView,
} from './channel.service.js';
export { createNotifier, type Notifier, type NotifierDeps } from './notifier.js';
export {
  eventKindOf,
  eventNotification,
  runFinishedEvent,
  type NotifyEvent,
  type NotifyEventKind,
} from './notify-event.js';
export { webhookBody } from './send-webhook.js';
