import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../api-contract/auth.schema.js';
import { RUN_STATUSES } from '../../api-contract/automation.schema.js';
import { LEDGER_KIND_NAMES } from '../../api-contract/credits.schema.js';
import * as V from '../../api-contract/enum-values.js';
import { INVENTORY_KINDS } from '../../api-contract/inventory.schema.js';
import {
  CATCH_UP_MODES,
  CHANNEL_KINDS,
  CHANNEL_STATUSES,
  SCHEDULE_SLOT_STATUSES,
  SCHEDULE_STATUSES,
} from '../../api-contract/schedules.schema.js';
import { INVITE_ROLES } from '../../api-contract/tenancy.schema.js';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/helpers/test-db.js';
import { INTERNAL_LINK_STATUSES } from './links-inventory-tables.js';
import { RUN_ITEM_STATUSES } from './run-record-tables.js';
import { NOTIFICATION_DELIVERY_STATUSES, SCHEDULE_SLOT_KINDS } from './schedule-tables.js';

/**
 * Every `column in (…)` CHECK of the migrated schema, against the const array that the row type
 * and the zod enum derive from. A new CHECK needs its array here; a new value needs a migration.
 */
const EXPECTED: Record<string, readonly (string | number)[]> = {
  'accounts.status': V.ACCOUNT_STATUSES,
  'kb_sources.origin': V.KB_SOURCE_ORIGINS,
  'search_console_syncs.source': V.SEARCH_CONSOLE_SOURCES,
  'content_refreshes.status': V.REFRESH_STATUSES,
  'ai_batches.status': V.AI_BATCH_STATUSES,
  'ai_batch_items.status': V.AI_BATCH_ITEM_STATUSES,
  'kb_sources.format': V.KB_FORMAT_NAMES,
  'users.role': ROLES,
  'users.status': V.USER_STATUSES,
  'api_keys.role': ROLES,
  'api_keys.status': V.API_KEY_STATUSES,
  'sites.status': V.ACTIVE_STATUSES,
  'sectors.status': V.ACTIVE_STATUSES,
  'keywords.status': V.KEYWORD_STATUSES,
  'clusters.method': V.CLUSTER_METHODS,
  'clusters.status': V.CLUSTER_STATUSES,
  'ideas.source': V.IDEA_SOURCES,
  'ideas.status': V.IDEA_STATUSES,
  'tasks.status': V.TASK_STATUSES,
  'contents.status': V.CONTENT_STATUSES,
  'images.role': V.IMAGE_ROLES,
  'images.status': V.IMAGE_STATUSES,
  'publish_destinations.status': V.DESTINATION_STATUSES,
  'publish_records.status': V.PUBLISH_STATUSES,
  'automation_runs.trigger': V.RUN_TRIGGERS,
  'automation_runs.status': RUN_STATUSES,
  'credit_transactions.kind': LEDGER_KIND_NAMES,
  'credit_transactions.pool': V.CREDIT_POOLS,
  'credit_holds.status': V.CREDIT_HOLD_STATUSES,
  'usage_log.status': V.USAGE_STATUSES,
  'ai_models.type': V.MODEL_TYPES,
  'notifications.level': V.NOTIFICATION_LEVELS,
  'usage_log.usage_estimated': [0, 1],
  'run_items.status': RUN_ITEM_STATUSES,
  'schedules.catch_up': CATCH_UP_MODES,
  'schedules.status': SCHEDULE_STATUSES,
  'schedule_slots.kind': SCHEDULE_SLOT_KINDS,
  'schedule_slots.status': SCHEDULE_SLOT_STATUSES,
  'notification_channels.kind': CHANNEL_KINDS,
  'notification_channels.status': CHANNEL_STATUSES,
  'notification_deliveries.status': NOTIFICATION_DELIVERY_STATUSES,
  'internal_links.status': INTERNAL_LINK_STATUSES,
  'site_inventory.kind': INVENTORY_KINDS,
  'invites.role': INVITE_ROLES,
};

/**
 * Columns whose values the application checks instead of SQL, so that a new value (a new destination
 * kind) needs no migration: each must have no CHECK left (0019 dropped it).
 */
const APPLICATION_CHECKED = ['publish_destinations.kind'];

const values = (list: string): string[] =>
  [...list.matchAll(/'([^']*)'|(-?\d+)/g)].map((m) => m[1] ?? m[2]!).sort();

/** `table.column` → the values its CHECK allows, read back from the database itself. */
async function checkLists(t: TestDb): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  if (t.dialect === 'sqlite') {
    const tables = await sql<{ name: string; sql: string }>`
      select name, sql from sqlite_master where type = 'table' and sql is not null`.execute(t.db);
    for (const { name, sql: ddl } of tables.rows)
      for (const m of ddl.matchAll(/check \(\s*"?(\w+)"? in \(([^)]*)\)\s*\)/gi))
        out[`${name}.${m[1]}`] = values(m[2]!);
  } else {
    const defs = await sql<{ tbl: string; def: string }>`
      select rel.relname as tbl, pg_get_constraintdef(c.oid) as def
      from pg_constraint c join pg_class rel on rel.oid = c.conrelid
      where c.contype = 'c' and c.connamespace = current_schema()::regnamespace`.execute(t.db);
    for (const { tbl, def } of defs.rows) {
      const any = /\((\w+) = ANY \(\(?ARRAY\[(.*)\]/.exec(def);
      const inList = /\((\w+) (?:IN|in) \((.*)\)\)/.exec(def);
      const m = any ?? inList;
      if (m) out[`${tbl}.${m[1]}`] = values(m[2]!);
    }
  }
  return out;
}

describe.each(DIALECTS)('SQL CHECK lists and the const arrays on %s', (dialect) => {
  let t: TestDb;
  let found: Record<string, string[]>;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    found = await checkLists(t);
  });
  afterAll(async () => t?.close());

  it.each(Object.entries(EXPECTED))('%s allows exactly its array', (key, expected) => {
    expect(found[key], `no CHECK found for ${key}`).toBeDefined();
    expect(found[key]).toEqual(expected.map(String).sort());
  });

  it('has no CHECK list without an array in this test', () => {
    expect(Object.keys(found).filter((k) => !(k in EXPECTED))).toEqual([]);
  });

  it('has no CHECK on a column the application checks', () => {
    expect(APPLICATION_CHECKED.filter((k) => k in found)).toEqual([]);
  });
});
