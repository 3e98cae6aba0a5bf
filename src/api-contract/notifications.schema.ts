import { z } from 'zod';
import { NOTIFICATION_LEVELS } from './enum-values.js';

export const NotificationSchema = z.object({
  id: z.string(),
  level: z.enum(NOTIFICATION_LEVELS),
  title: z.string(),
  message: z.string(),
  actionUrl: z.string().nullable(),
  dedupeKey: z.string().nullable(),
  userId: z.string().nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const NotificationListRequestSchema = z.object({
  unread: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional()
    .describe('Only unread ones.'),
});

export const MarkReadRequestSchema = z.object({
  ids: z
    .union([z.literal('all'), z.array(z.string().min(1).max(100)).min(1).max(500)])
    .describe('Notification ids, or "all".'),
});

export const MarkReadResultSchema = z.object({ updated: z.number().int() });
