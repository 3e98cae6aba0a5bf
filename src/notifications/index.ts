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
