import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { newId, nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import { isUniqueViolation } from './db-errors.js';
import { assertCapacity } from './plan-limits.js';
import type { Scope } from './scope.js';
import {
  deleteSiteRow,
  findSiteRowByRef,
  insertSite,
  listSiteRows,
  siteSlugTaken,
  updateSiteRow,
  type SiteRow,
} from './site.repository.js';
import { toSite } from './tenancy.mappers.js';
import { SiteAddSchema, SiteUpdateSchema } from './tenancy.schema.js';
import type { Site, SiteSummary } from './tenancy.types.js';
import { chooseSlug } from './unique-slug.js';

const SLUG_HINT = 'Pick another with --slug (`igny8 site list` shows the ones in use).';

/** SITE_NOT_FOUND with the hint every site lookup gives. */
export function siteNotFound(ref: string): Igny8Error {
  return new Igny8Error('SITE_NOT_FOUND', `No site "${ref}" in this account`, {
    action: { id: 'list_sites' },
  });
}

const slugConflict = (err: unknown) =>
  isUniqueViolation(err)
    ? new Igny8Error('ALREADY_EXISTS', 'A site with this slug already exists', { hint: SLUG_HINT })
    : err;

/** Sites of an account, looked up by id or slug and always within the account. */
export function createSiteService(db: Db) {
  async function requireSite(d: Db, scope: Scope, ref: string): Promise<SiteRow> {
    const row = await findSiteRowByRef(d, scope, ref);
    if (!row) throw siteNotFound(ref);
    return row;
  }

  return {
    /** Add a site (PLAN_LIMIT_REACHED when the plan's sites are used up). */
    async addSite(scope: Scope, input: unknown): Promise<Site> {
      const req = parseInput(SiteAddSchema, input, 'site');
      const id = newId();
      try {
        await transaction(db, async (trx) => {
          await assertCapacity(trx, scope, 'sites', 1);
          const slug = await chooseSlug(req.slug, req.name, (s) => siteSlugTaken(trx, scope, s), {
            noun: 'site',
            hint: SLUG_HINT,
          });
          const now = nowIso();
          await insertSite(trx, {
            id,
            account_id: scope.accountId,
            name: req.name,
            slug,
            domain: req.domain ?? null,
            industry: req.industry || null,
            status: 'active',
            settings: toJson(req.settings),
            ...(req.language ? { language: req.language } : {}),
            created_at: now,
            updated_at: now,
          });
        });
      } catch (err) {
        throw slugConflict(err);
      }
      return toSite(await requireSite(db, scope, id));
    },

    /** The account's sites, each with its sector count. */
    async listSites(scope: Scope): Promise<SiteSummary[]> {
      return (await listSiteRows(db, scope)).map((r) => ({
        ...toSite(r),
        sectorCount: Number(r.sector_count),
      }));
    },

    /** A site by id or slug; SITE_NOT_FOUND (also for another account's site). */
    async getSite(scope: Scope, ref: string): Promise<Site> {
      return toSite(await requireSite(db, scope, ref));
    },

    /** Change fields; `settings` is merged (a key set to null is removed). */
    async updateSite(scope: Scope, ref: string, patch: unknown): Promise<Site> {
      const req = parseInput(SiteUpdateSchema, patch, 'site update');
      try {
        return await transaction(db, async (trx) => {
          const row = await requireSite(trx, scope, ref);
          if (req.slug && req.slug !== row.slug && (await siteSlugTaken(trx, scope, req.slug, row.id)))
            throw new Igny8Error('ALREADY_EXISTS', `A site with slug "${req.slug}" already exists`, {
              hint: SLUG_HINT,
            });
          let settings: string | undefined;
          if (req.settings) {
            const merged = { ...parseJson<Record<string, unknown>>(row.settings, {}), ...req.settings };
            for (const [k, v] of Object.entries(req.settings)) if (v === null) delete merged[k];
            settings = toJson(merged);
          }
          await updateSiteRow(trx, scope, row.id, {
            ...(req.name !== undefined ? { name: req.name } : {}),
            ...(req.slug !== undefined ? { slug: req.slug } : {}),
            ...(req.domain !== undefined ? { domain: req.domain } : {}),
            ...(req.industry !== undefined ? { industry: req.industry || null } : {}),
            ...(req.status !== undefined ? { status: req.status } : {}),
            ...(settings !== undefined ? { settings } : {}),
            ...(req.language !== undefined ? { language: req.language } : {}),
            updated_at: nowIso(),
          });
          return toSite(await requireSite(trx, scope, row.id));
        });
      } catch (err) {
        throw slugConflict(err);
      }
    },

    /** Delete a site with everything under it (sectors, keywords, content, runs). Returns what was removed. */
    async removeSite(scope: Scope, ref: string): Promise<Site> {
      return transaction(db, async (trx) => {
        const row = await requireSite(trx, scope, ref);
        await deleteSiteRow(trx, scope, row.id);
        return toSite(row);
      });
    },
  };
}

export type SiteService = ReturnType<typeof createSiteService>;
