import type { Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import {
  deleteDestination,
  findDestinationByRef,
  findDestinationIdByName,
  insertDestination,
  listDestinationRows,
  updateDestination,
} from './destinations.repository.js';
import type { DestinationInput } from './open-destination.js';

export type { DestinationInput } from './open-destination.js';

export interface DestinationView {
  id: string;
  siteId: string;
  kind: PublishDestinationsTable['kind'];
  name: string;
  config: Record<string, unknown>;
  hasSecret: boolean;
  status: PublishDestinationsTable['status'];
  createdAt: string;
}

export function toDestinationView(r: PublishDestinationsTable): DestinationView {
  return {
    id: r.id,
    siteId: r.site_id,
    kind: r.kind,
    name: r.name,
    config: parseJson(r.config, {}),
    hasSecret: Boolean(r.secret_enc),
    status: r.status,
    createdAt: r.created_at,
  };
}

export interface SecretBoxLike {
  encrypt(plain: string): string;
  decrypt(envelope: string): string;
}

/** Destinations of a site; secrets (app passwords, webhook secrets) are stored encrypted and never returned. */
export function createDestinationStore(db: Db, secrets: () => SecretBoxLike) {
  async function getRow(scope: Scope, ref: string): Promise<PublishDestinationsTable> {
    const row = await findDestinationByRef(db, scope, ref);
    if (!row)
      throw new Igny8Error('DESTINATION_NOT_FOUND', `No publishing destination "${ref}"`, {
        action: { id: 'list_destinations' },
      });
    return row;
  }
  return {
    getRow,
    async upsert(scope: SiteScope, input: DestinationInput): Promise<DestinationView> {
      // The schema lives beside every destination adapter: loaded when a destination is added, not
      // by every command that builds the core (P11).
      const { DestinationInputSchema } = await import('./open-destination.js');
      const d = parseInput(DestinationInputSchema, input, 'destination');
      // The destination hangs off the site, so the site must be this account's.
      const site = await db
        .selectFrom('sites')
        .select('id')
        .where('id', '=', scope.siteId)
        .where('account_id', '=', scope.accountId)
        .executeTakeFirst();
      if (!site)
        throw new Igny8Error('SITE_NOT_FOUND', `No site ${scope.siteId} in this account`, {
          action: { id: 'list_sites' },
        });
      const now = nowIso();
      const secret_enc = d.secret ? secrets().encrypt(d.secret) : null;
      const existing = await findDestinationIdByName(db, scope, d.name);
      if (existing) {
        await updateDestination(db, existing.id, {
          kind: d.kind,
          config: toJson(d.config),
          secret_enc,
          status: 'active',
          updated_at: now,
        });
        return toDestinationView(await getRow(scope, existing.id));
      }
      const row: PublishDestinationsTable = {
        id: newId(),
        account_id: scope.accountId,
        site_id: scope.siteId,
        kind: d.kind,
        name: d.name,
        config: toJson(d.config),
        secret_enc,
        status: 'active',
        created_at: now,
        updated_at: now,
      };
      await insertDestination(db, row);
      return toDestinationView(row);
    },
    async list(scope: Scope): Promise<DestinationView[]> {
      return (await listDestinationRows(db, scope)).map(toDestinationView);
    },
    async remove(scope: Scope, ref: string): Promise<void> {
      const row = await getRow(scope, ref);
      await deleteDestination(db, scope, row.id);
    },
    secretOf(row: PublishDestinationsTable): string | null {
      return row.secret_enc ? secrets().decrypt(row.secret_enc) : null;
    },
  };
}

export type DestinationStore = ReturnType<typeof createDestinationStore>;
