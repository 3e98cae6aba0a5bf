import type {
  CATCH_UP_MODES,
  CHANNEL_KINDS,
  CHANNEL_STATUSES,
  SCHEDULE_SLOT_STATUSES,
  SCHEDULE_STATUSES,
} from '../../api-contract/schedules.schema.js';

/** What a schedule slot fires (SQL CHECK in 0005, 'gsc-pull' added by 0031; tested against it in check-constraints.test.ts). */
export const SCHEDULE_SLOT_KINDS = ['run', 'renewal', 'publish-sync', 'gsc-pull'] as const;
export const NOTIFICATION_DELIVERY_STATUSES = ['sending', 'sent', 'failed'] as const;

/** Automation schedules, their fired slots, notification channels and deliveries (0005). */
export interface SchedulesTable {
  id: string;
  account_id: string;
  site_id: string;
  name: string;
  cadence: string;
  cron: string;
  /** JSON: the run options a slot starts with. */
  options: string;
  catch_up: (typeof CATCH_UP_MODES)[number];
  status: (typeof SCHEDULE_STATUSES)[number];
  anchor_at: string;
  created_at: string;
  updated_at: string;
}

export interface ScheduleSlotsTable {
  id: string;
  schedule_id: string;
  account_id: string;
  kind: (typeof SCHEDULE_SLOT_KINDS)[number];
  slot_time: string;
  status: (typeof SCHEDULE_SLOT_STATUSES)[number];
  missed: number;
  run_id: string | null;
  detail: string | null;
  claimed_by: string;
  claimed_at: string;
  finished_at: string | null;
}

export interface NotificationChannelsTable {
  id: string;
  account_id: string;
  name: string;
  kind: (typeof CHANNEL_KINDS)[number];
  target: string;
  config_enc: string;
  /** JSON array of event kinds; empty means every event. */
  events: string;
  status: (typeof CHANNEL_STATUSES)[number];
  created_at: string;
  updated_at: string;
}

export interface NotificationDeliveriesTable {
  id: string;
  account_id: string;
  channel_id: string;
  notification_id: string;
  status: (typeof NOTIFICATION_DELIVERY_STATUSES)[number];
  error: string | null;
  created_at: string;
  finished_at: string | null;
}
