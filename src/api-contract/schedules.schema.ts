import { z } from 'zod';
import { RUN_OPTION_FIELDS as F, STAGES_DESCRIPTION } from './automation.schema.js';

const Id = z.string().min(1).max(100);

/** What a scheduled run does: the run options a schedule may set. */
export const ScheduleRunOptionsSchema = z.object({
  stages: F.stages.optional().describe(STAGES_DESCRIPTION),
  maxItemsPerStage: F.maxItemsPerStage.optional().describe('Cap on items per stage.'),
  maxCredits: F.maxCredits.optional().describe('Credit cap per run.'),
  autoApprove: F.autoApprove.optional().describe('Approve articles at or above minSeoScore.'),
  minSeoScore: F.minSeoScore.optional(),
  autoPublish: F.autoPublish.optional().describe("Publish approved articles (default: the site's setting)."),
  batch: F.batch
    .optional()
    .describe(
      "Send each stage's AI calls through the provider's batch API (half price, answers within 24 h).",
    ),
  refresh: z
    .boolean()
    .optional()
    .describe(
      "Each slot refreshes the site's best-ranked decay or striking-distance candidate in place instead of running the pipeline; the draft waits for review (`igny8 refresh candidates` shows the ranking).",
    ),
});

export const CATCH_UP_MODES = ['once', 'skip'] as const;
export const SCHEDULE_STATUSES = ['active', 'paused'] as const;
export const SCHEDULE_SLOT_STATUSES = ['claimed', 'started', 'done', 'skipped', 'failed'] as const;
export const CHANNEL_KINDS = ['webhook', 'email'] as const;
export const CHANNEL_STATUSES = ['active', 'disabled'] as const;

export const ScheduleRequestSchema = z.object({
  siteId: Id,
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Unique in the account (default: the cadence).'),
  cadence: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe(
      'A preset ("daily 06:00", "weekdays 06:00", "weekly mon 06:00", "monthly 1 06:00", "hourly") or a cron expression, in the account\'s timezone.',
    ),
  options: ScheduleRunOptionsSchema.optional(),
  catchUp: z
    .enum(CATCH_UP_MODES)
    .optional()
    .describe('Slots missed while nothing ran: fire the latest once at start-up (once) or skip it (skip).'),
});

export const ScheduleSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
  cadence: z.string(),
  cron: z.string(),
  timezone: z.string(),
  options: ScheduleRunOptionsSchema,
  catchUp: z.enum(CATCH_UP_MODES),
  status: z.enum(SCHEDULE_STATUSES),
  nextSlot: z.string().nullable(),
  lastSlot: z
    .object({
      slotTime: z.string(),
      status: z.string(),
      runId: z.string().nullable(),
      detail: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.string(),
});

export const NOTIFY_EVENT_KINDS = [
  'run.completed',
  'run.completed_with_failures',
  'run.failed',
  'publish.failed',
  'credits.low',
  'schedule.slot_skipped',
] as const;

/** One object (not a union) so the OpenAPI body stays a plain object; the kind decides which fields apply. */
export const ChannelRequestSchema = z
  .object({
    kind: z.enum(CHANNEL_KINDS).describe('webhook: a signed POST; email: a mail over mail.smtpUrl.'),
    name: z.string().trim().min(1).max(100),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .describe('webhook: receives a signed POST with a Slack-compatible body.'),
    secret: z
      .string()
      .min(16)
      .max(200)
      .optional()
      .describe('webhook: HMAC-SHA256 signing secret (default: generated and shown once).'),
    to: z.email().max(320).optional().describe('email: the address notifications go to.'),
    events: z.array(z.enum(NOTIFY_EVENT_KINDS)).max(20).optional().describe('Default: every event.'),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'webhook' && !c.url)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a webhook channel needs a url (https://…)' });
    if (c.kind === 'email' && !c.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'an email channel needs a to address' });
  });

export const ChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  /** An email address, or the webhook's origin (the full URL is kept secret). */
  target: z.string(),
  events: z.array(z.enum(NOTIFY_EVENT_KINDS)),
  status: z.enum(CHANNEL_STATUSES),
  createdAt: z.string(),
  lastDelivery: z.object({ status: z.string(), error: z.string().nullable(), at: z.string() }).nullable(),
  /** Only in the answer that created a webhook channel: its signing secret, shown once. */
  secret: z.string().optional(),
});

export const ChannelTestResultSchema = z.object({ ok: z.boolean(), detail: z.string() });

export const ScheduleParamsSchema = z.object({ scheduleId: Id });
export const ScheduleListRequestSchema = z.object({ siteId: Id.optional().describe('Only this site.') });
export const ScheduleSlotSchema = z.object({
  slotTime: z.string(),
  status: z.enum(SCHEDULE_SLOT_STATUSES),
  runId: z.string().nullable(),
  detail: z.string().nullable(),
  missed: z.number().int(),
});
export const ChannelParamsSchema = z.object({ channelId: Id });
