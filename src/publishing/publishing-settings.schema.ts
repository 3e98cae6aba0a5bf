import { z } from 'zod';
import {
  PUBLISH_POST_STATUSES,
  PUBLISHING_MODES,
  TimeOfDaySchema as hhmm,
  WEEKDAYS,
} from '../api-contract/publishing.schema.js';

export { WEEKDAYS };

/**
 * A site's publishing settings (stored in sites.settings.publishing); the seed system's knobs, validated.
 * The value lists and the time format are the contract's; this adds the defaults.
 */
export const PublishingSettingsSchema = z
  .object({
    autoPublish: z.boolean().default(false).describe('Publish approved articles without a manual step.'),
    status: z
      .enum(PUBLISH_POST_STATUSES)
      .default('draft')
      .describe('WordPress status for immediate posts; scheduled ones are "future".'),
    mode: z.enum(PUBLISHING_MODES).default('time_slots'),
    timeSlots: z.array(hhmm).min(1).default(['09:00', '14:00']),
    stagger: z
      .object({
        start: hhmm.default('09:00'),
        end: hhmm.default('17:00'),
        intervalMinutes: z.number().int().min(5).max(1440).default(120),
      })
      .prefault({}),
    days: z.array(z.enum(WEEKDAYS)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    limits: z
      .object({
        daily: z.number().int().min(1).default(3),
        weekly: z.number().int().min(1).default(15),
        monthly: z.number().int().min(1).default(60),
      })
      .prefault({}),
  })
  .prefault({});

export type PublishingSettings = z.output<typeof PublishingSettingsSchema>;
