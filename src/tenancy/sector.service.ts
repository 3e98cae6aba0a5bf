import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { newId, nowIso } from '../util/ids.js';
import { isUniqueViolation } from './db-errors.js';
import { resolveSiteRef } from './resolve-site-ref.js';
import type { Scope, SiteScope } from './scope.js';
import {
  deleteSectorRow,
  findSectorRowByRef,
  insertSector,
  listSectorRows,
  sectorSlugTaken,
  updateSectorRow,
  type SectorRow,
} from './sector.repository.js';
import { toSector } from './tenancy.mappers.js';
import { SectorAddSchema, SectorUpdateSchema } from './tenancy.schema.js';
import type { Sector } from './tenancy.types.js';
import { chooseSlug } from './unique-slug.js';

const SLUG_HINT = 'Pick another with --slug (`igny8 sector list --site …` shows the ones in use).';

/** Sectors of a site. `siteRef` is an id or slug; omitted, the account's only site. */
export function createSectorService(db: Db) {
  async function requireSector(d: Db, scope: SiteScope, ref: string): Promise<SectorRow> {
    const row = await findSectorRowByRef(d, scope, ref);
    if (!row)
      throw new Igny8Error('SECTOR_NOT_FOUND', `No sector "${ref}" on this site`, {
        action: { id: 'list_sectors' },
      });
    return row;
  }

  return {
    async addSector(scope: Scope, siteRef: string | undefined, input: unknown): Promise<Sector> {
      const req = parseInput(SectorAddSchema, input, 'sector');
      const id = newId();
      try {
        return await transaction(db, async (trx) => {
          const site = await resolveSiteRef(trx, scope.accountId, siteRef);
          const slug = await chooseSlug(req.slug, req.name, (s) => sectorSlugTaken(trx, site, s), {
            noun: 'sector',
            hint: SLUG_HINT,
          });
          const now = nowIso();
          await insertSector(trx, {
            id,
            account_id: site.accountId,
            site_id: site.siteId,
            name: req.name,
            slug,
            status: 'active',
            language: req.language ?? null,
            created_at: now,
            updated_at: now,
          });
          return toSector(await requireSector(trx, site, id));
        });
      } catch (err) {
        if (isUniqueViolation(err))
          throw new Igny8Error('ALREADY_EXISTS', 'A sector with this slug already exists', {
            hint: SLUG_HINT,
          });
        throw err;
      }
    },

    async listSectors(scope: Scope, siteRef: string | undefined): Promise<Sector[]> {
      const site = await resolveSiteRef(db, scope.accountId, siteRef);
      return (await listSectorRows(db, site)).map(toSector);
    },

    /** A sector by id or slug; SECTOR_NOT_FOUND otherwise. */
    async getSector(scope: Scope, siteRef: string | undefined, ref: string): Promise<Sector> {
      const site = await resolveSiteRef(db, scope.accountId, siteRef);
      return toSector(await requireSector(db, site, ref));
    },

    /** Rename a sector or set its language (null inherits the site's). */
    async updateSector(
      scope: Scope,
      siteRef: string | undefined,
      ref: string,
      patch: unknown,
    ): Promise<Sector> {
      const req = parseInput(SectorUpdateSchema, patch, 'sector update');
      return transaction(db, async (trx) => {
        const site = await resolveSiteRef(trx, scope.accountId, siteRef);
        const row = await requireSector(trx, site, ref);
        await updateSectorRow(trx, site, row.id, {
          ...(req.name !== undefined ? { name: req.name } : {}),
          ...(req.language !== undefined ? { language: req.language } : {}),
          updated_at: nowIso(),
        });
        return toSector(await requireSector(trx, site, row.id));
      });
    },

    /** Delete a sector with its keywords, clusters, ideas and content. Returns what was removed. */
    async removeSector(scope: Scope, siteRef: string | undefined, ref: string): Promise<Sector> {
      return transaction(db, async (trx) => {
        const site = await resolveSiteRef(trx, scope.accountId, siteRef);
        const row = await requireSector(trx, site, ref);
        await deleteSectorRow(trx, site, row.id);
        return toSector(row);
      });
    },
  };
}

export type SectorService = ReturnType<typeof createSectorService>;
