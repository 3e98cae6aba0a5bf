import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNotificationService } from '../../src/notifications/index.js';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

describe.each(DIALECTS)('igny8 notifications on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('lists notifications and marks them read', async () => {
    t = await createTestDb(dialect);
    const { accountId } = await seedTenant(t.db);
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    const cli = (args: string[]) =>
      runCli(args, { cwd: t.dir, env: { IGNY8_DATABASE_URL: undefined, IGNY8_ACCOUNT: undefined } });
    const notes = createNotificationService(t.db);
    const first = (await notes.notify(
      { accountId },
      { level: 'warning', title: '80% of plan credits used', message: '800 of 1,000' },
    ))!;
    await notes.notify({ accountId }, { level: 'info', title: 'Run finished', message: '12 articles' });

    const read = await cli(['notifications', 'read', first.id, '--json']);
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout)).toEqual({ marked: 1 });
    const unread = JSON.parse((await cli(['notifications', 'list', '--unread', '--json'])).stdout);
    expect(unread.items.map((n: { title: string }) => n.title)).toEqual(['Run finished']);

    const missing = await cli(['notifications', 'read', 'no-such-id']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/NOTIFICATION_NOT_FOUND/);

    const human = await cli(['notifications', 'list']);
    expect(human.stdout).toMatch(/warning\s+yes\s+80% of plan credits used/);
    expect(JSON.parse((await cli(['notifications', 'read', '--all', '--json'])).stdout)).toEqual({
      marked: 1,
    });
  }, 150_000);
});
