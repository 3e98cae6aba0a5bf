import type {
  DESTINATION_KINDS,
  DESTINATION_STATUSES,
  PUBLISH_STATUSES,
  RUN_TRIGGERS,
} from '../../api-contract/enum-values.js';
import type { RUN_STATUSES } from '../../api-contract/automation.schema.js';

/** Publishing destinations and records, automation runs and their events. */
export interface PublishDestinationsTable {
  id: string;
  account_id: string;
  site_id: string;
  kind: (typeof DESTINATION_KINDS)[number];
  name: string;
  /** JSON, no secrets. */
  config: string;
  /** AES-256-GCM envelope of the destination's secret (app password, webhook secret). */
  secret_enc: string | null;
  status: (typeof DESTINATION_STATUSES)[number];
  created_at: string;
  updated_at: string;
}

export interface PublishRecordsTable {
  id: string;
  account_id: string;
  site_id: string;
  content_id: string;
  destination_id: string;
  status: (typeof PUBLISH_STATUSES)[number];
  /** The intent written before each remote call: what we were about to do, and its marker. */
  intent: string | null;
  marker: string;
  remote_id: string | null;
  remote_url: string | null;
  remote_status: string | null;
  /** JSON: media uploaded so far ({ imageId: remoteMediaId }). */
  remote_media: string;
  scheduled_at: string | null;
  published_at: string | null;
  attempts: number;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AutomationRunsTable {
  id: string;
  account_id: string;
  site_id: string;
  trigger: (typeof RUN_TRIGGERS)[number];
  status: (typeof RUN_STATUSES)[number];
  /** JSON: options the run was started with (stages, caps, concurrency). */
  options: string;
  /** JSON: per-stage results. */
  results: string;
  estimate_credits: number;
  credit_cap: number | null;
  credits_used: number;
  /** The key ('write') of the stage the run is in, never its number (0033); null before the first. */
  current_stage: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RunEventsTable {
  id: string;
  account_id: string;
  run_id: string;
  seq: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  /** The key ('write') of the stage the line is about, never its number (0033); null for the run. */
  stage: string | null;
  type: string;
  message: string;
  data: string | null;
  created_at: string;
}
