import { z } from 'zod';

export const NOTIFICATION_LEVELS = ['info', 'success', 'warning', 'error'] as const;

export const NotificationInputSchema = z.object({
  level: z.enum(NOTIFICATION_LEVELS).describe('info, success, warning or error'),
  title: z.string().trim().min(1).max(200),
  message: z.string().max(4000),
  actionUrl: z.string().max(2000).optional(),
  /** Once a key is used in an account, later notifications with it are dropped. */
  dedupeKey: z.string().min(1).max(200).optional(),
  userId: z.string().min(1).optional(),
});
export type NotificationInput = z.input<typeof NotificationInputSchema>;

export const NotificationListQuerySchema = z.object({
  unreadOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
  /** Only what this user may see: the account's shared notifications and their own. */
  forUser: z.string().min(1).optional(),
});
export type NotificationListQuery = z.input<typeof NotificationListQuerySchema>;

export const MarkReadInputSchema = z.union([
  z.literal('all'),
  z.array(z.string().min(1)).min(1, 'name at least one notification id, or "all"'),
]);

export interface Notification {
  id: string;
  level: (typeof NOTIFICATION_LEVELS)[number];
  title: string;
  message: string;
  actionUrl: string | null;
  dedupeKey: string | null;
  /** The user it is for; null means everyone in the account. */
  userId: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}
