import type { z } from 'zod';
import type { Db } from '../db/index.js';
import { transaction } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { updateSiteRow } from '../tenancy/site.repository.js';
import { nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import { PublishingSettingsPatchRequestSchema } from '../api-contract/publishing.schema.js';
import { PublishingSettingsSchema, type PublishingSettings } from './publishing-settings.schema.js';
import { siteSettings } from './publisher.service.js';

/** A change to a site's publishing settings: the API contract's patch schema, also used by the CLI. */
export const PublishingSettingsPatchSchema = PublishingSettingsPatchRequestSchema;
export type PublishingSettingsPatch = z.input<typeof PublishingSettingsPatchSchema>;

/** A site's publishing settings (defaults filled in) and the account's timezone they run in. */
export function getPublishingSettings(
  db: Db,
  scope: SiteScope,
): Promise<{ publishing: PublishingSettings; timezone: string }> {
  return siteSettings(db, scope);
}

/**
 * Change a site's publishing settings (stored at sites.settings.publishing), validated as a whole
 * after the merge, in one transaction.
 * @example await updatePublishingSettings(db, scope, { mode: 'time_slots', timeSlots: ['09:00'] })
 */
export async function updatePublishingSettings(
  db: Db,
  scope: SiteScope,
  patch: PublishingSettingsPatch,
): Promise<PublishingSettings> {
  const p = parseInput(PublishingSettingsPatchSchema, patch, 'publishing settings');
  return transaction(db, async (trx) => {
    const site = await trx
      .selectFrom('sites')
      .select('settings')
      .where('account_id', '=', scope.accountId)
      .where('id', '=', scope.siteId)
      .executeTakeFirst();
    if (!site) throw new Igny8Error('SITE_NOT_FOUND', `No site ${scope.siteId} in this account`);
    const raw = parseJson<Record<string, unknown>>(site.settings, {});
    const current = PublishingSettingsSchema.parse(raw.publishing ?? {});
    const merged = {
      ...current,
      ...p,
      stagger: { ...current.stagger, ...p.stagger },
      limits: { ...current.limits, ...p.limits },
    };
    const next = parseInput(PublishingSettingsSchema, merged, 'publishing settings');
    if (next.mode === 'stagger' && next.stagger.start > next.stagger.end) {
      throw new Igny8Error(
        'VALIDATION_FAILED',
        `Stagger start ${next.stagger.start} is after its end ${next.stagger.end}`,
        { hint: 'Give a start before the end, e.g. --stagger-start 09:00 --stagger-end 17:00.' },
      );
    }
    await updateSiteRow(trx, scope, scope.siteId, {
      settings: toJson({ ...raw, publishing: next }),
      updated_at: nowIso(),
    });
    return next;
  });
}
