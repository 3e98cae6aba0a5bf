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
  catch_up: 'once' | 'skip';
  status: 'active' | 'paused';
  anchor_at: string;
  created_at: string;
  updated_at: string;
}

export interface ScheduleSlotsTable {
  id: string;
  schedule_id: string;
  account_id: string;
  kind: 'run' | 'renewal' | 'publish-sync';
  slot_time: string;
  status: 'claimed' | 'started' | 'done' | 'skipped' | 'failed';
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
  kind: 'webhook' | 'email';
  target: string;
  config_enc: string;
  /** JSON array of event kinds; empty means every event. */
  events: string;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
}

export interface NotificationDeliveriesTable {
  id: string;
  account_id: string;
  channel_id: string;
  notification_id: string;
  status: 'sending' | 'sent' | 'failed';
  error: string | null;
  created_at: string;
  finished_at: string | null;
}
