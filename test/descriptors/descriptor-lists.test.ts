import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES as DASHBOARD_STAGES } from '../../ui/src/pages/automation/stages.js';
import { ModelTypeSchema } from '../../src/api-contract/models.schema.js';
import { DESTINATION_KINDS as CONTRACT_DESTINATION_KINDS } from '../../src/api-contract/enum-values.js';
import { DestinationSchema } from '../../src/api-contract/publishing.schema.js';
import { STAGES } from '../../src/automation/stages.js';
import { ConfigSchema, ENV_OVERRIDES } from '../../src/config/index.js';
import { MODEL_TYPES } from '../../src/models/ai-model.schema.js';
import { PROVIDERS } from '../../src/providers/providers.js';
import { DESTINATION_KINDS } from '../../src/publishing/open-destination.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

/**
 * The values a column's CHECK (col in (...)) allows, read from the database catalog: SQL cannot
 * derive from our lists, so these tests hold the migrations to them (destination kinds have no
 * CHECK since 0019: the publishing repository checks them against the list).
 */
async function checkValues(t: TestDb, table: string, column: string): Promise<string[]> {
  if (t.dialect === 'sqlite') {
    const row = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(t.db);
    const m = new RegExp(`${column} in \\(([^)]*)\\)`).exec(row.rows[0]!.sql);
    return [...m![1]!.matchAll(/'([^']*)'/g)].map((x) => x[1]!).sort();
  }
  const rows = await sql<{ def: string }>`
    select pg_get_constraintdef(c.oid) as def from pg_constraint c
    where c.conrelid = ${table}::regclass and c.contype = 'c'`.execute(t.db);
  const def = rows.rows
    .map((r) => r.def)
    .find((d) => d.includes(`${column} =`) || d.includes(`(${column})::text`));
  return [...def!.matchAll(/'([^']*)'::text/g)].map((x) => x[1]!).sort();
}

describe.each(DIALECTS)('SQL CHECKs agree with the descriptor lists on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  });
  afterAll(async () => t?.close());

  it('publish_destinations.kind has no CHECK (0019): the list is the check, and names exactly the contract kinds', async () => {
    if (t.dialect === 'sqlite') {
      const row = await sql<{
        sql: string;
      }>`select sql from sqlite_master where type = 'table' and name = 'publish_destinations'`.execute(t.db);
      expect(row.rows[0]!.sql).not.toMatch(/kind in \(/);
    } else {
      const rows = await sql<{ def: string }>`
        select pg_get_constraintdef(c.oid) as def from pg_constraint c
        where c.conrelid = 'publish_destinations'::regclass and c.contype = 'c'`.execute(t.db);
      expect(rows.rows.map((r) => r.def).filter((d) => d.includes('kind'))).toEqual([]);
    }
    expect(DESTINATION_KINDS.map((d) => d.kind)).toEqual([...CONTRACT_DESTINATION_KINDS]);
    for (const d of DESTINATION_KINDS) expect(d.input.shape.kind.value).toBe(d.kind);
  });

  it('ai_models.type allows exactly MODEL_TYPES, and every type a provider serves is one', async () => {
    expect(await checkValues(t, 'ai_models', 'type')).toEqual([...MODEL_TYPES].sort());
    for (const p of PROVIDERS) for (const k of p.serves) expect(MODEL_TYPES).toContain(k);
  });
});

describe('contract enums, config and dashboard labels agree with the lists', () => {
  it('the API contract names the same destination kinds and model types', () => {
    expect([...DestinationSchema.shape.kind.options].sort()).toEqual(
      DESTINATION_KINDS.map((d) => d.kind).sort(),
    );
    expect([...ModelTypeSchema.options]).toEqual([...MODEL_TYPES]);
  });

  it('the config has one block and two environment variables per provider', () => {
    const providers = ConfigSchema.parse({}).providers as Record<string, unknown>;
    for (const p of PROVIDERS) {
      expect(providers[p.id], p.id).toEqual({});
      expect(ENV_OVERRIDES.find((o) => o.env === p.keyEnv)?.path).toEqual(['providers', p.id, 'apiKey']);
      expect(ENV_OVERRIDES.find((o) => o.env === p.baseUrlEnv)?.path).toEqual(['providers', p.id, 'baseUrl']);
    }
  });

  it("the dashboard's stage labels are the list's", () => {
    expect(DASHBOARD_STAGES.map(({ n, key, label }) => ({ n, key, label }))).toEqual(
      STAGES.map(({ n, key, label }) => ({ n, key, label })),
    );
  });
});
