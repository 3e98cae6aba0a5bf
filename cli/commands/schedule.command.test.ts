import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpReceiver } from '../../test/helpers/loopback-receivers.js';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, type TestDb } from '../../test/helpers/test-db.js';

// The CLI layer only (the services have their own tests on both dialects): SQLite keeps it quick.
describe('igny8 schedule and igny8 notify channel', () => {
  let t: TestDb;
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await t?.close();
    for (const c of closers.splice(0)) await c();
  });

  async function setup() {
    t = await createTestDb('sqlite');
    const tenant = await seedTenant(t.db);
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    const cli = (args: string[]) =>
      runCli(args, {
        cwd: t.dir,
        env: {
          IGNY8_DATABASE_URL: undefined,
          IGNY8_ACCOUNT: undefined,
          IGNY8_MASTER_KEY: 'cli-test-master-key-0123',
        },
      });
    return { tenant, cli };
  }

  it(
    'adds, lists, pauses and removes schedules; a bad cadence names the field',
    { timeout: 300_000 },
    async () => {
      const { tenant, cli } = await setup();
      const add = await cli([
        'schedule',
        'add',
        'weekdays 06:00',
        '--name',
        'mornings',
        '--max-credits',
        '500',
        '--auto-approve',
        '--min-score',
        '80',
        '--json',
      ]);
      expect(add.code, add.stderr).toBe(0);
      expect(JSON.parse(add.stdout)).toMatchObject({
        name: 'mornings',
        cron: '0 6 * * 1-5',
        siteId: tenant.siteId,
        options: { maxCredits: 500, autoApprove: true, minSeoScore: 80 },
      });

      const bad = await cli(['schedule', 'add', 'every tuesday', '--json']);
      expect(bad.code).toBe(2);
      expect(bad.stderr + bad.stdout).toContain('SCHEDULE_INVALID');

      const paused = await cli(['schedule', 'pause', 'mornings', '--json']);
      expect(JSON.parse(paused.stdout)).toMatchObject({ status: 'paused', nextSlot: null });
      const list = JSON.parse((await cli(['schedule', 'list', '--json'])).stdout);
      expect(list).toMatchObject({ total: 1, items: [{ name: 'mornings', status: 'paused' }] });
      expect((await cli(['schedule', 'remove', 'mornings', '--json'])).code).toBe(0);
      const gone = await cli(['schedule', 'show', 'mornings', '--json']);
      expect(gone.code).toBe(3);
    },
  );

  it(
    'adds a webhook channel, tests it (signed), never prints the URL path or secret again',
    { timeout: 300_000 },
    async () => {
      const { cli } = await setup();
      const hook = await startHttpReceiver();
      closers.push(hook.close);
      const add = await cli([
        'notify',
        'channel',
        'add',
        'team',
        '--webhook',
        `${hook.url}?token=s3cr3t`,
        '--json',
      ]);
      expect(add.code, add.stderr).toBe(0);
      const secret = (JSON.parse(add.stdout) as { secret: string }).secret;
      expect(secret).toMatch(/^whsec_/);

      const test = await cli(['notify', 'channel', 'test', 'team', '--json']);
      expect(test.code, test.stderr).toBe(0);
      expect(hook.requests).toHaveLength(1);
      const req = hook.requests[0]!;
      const ts = String(req.headers['x-igny8-timestamp']);
      expect(req.headers['x-igny8-signature']).toBe(
        `sha256=${createHmac('sha256', secret).update(`${ts}.${req.body}`).digest('hex')}`,
      );

      const list = await cli(['notify', 'channel', 'list', '--json']);
      expect(list.stdout).not.toContain('s3cr3t');
      expect(list.stdout).not.toContain(secret);
      expect(JSON.parse(list.stdout).items[0]).toMatchObject({ name: 'team', kind: 'webhook' });

      const both = await cli(['notify', 'channel', 'add', 'x', '--json']);
      expect(both.code).toBe(2);
      // A channel that cannot deliver makes `test` exit with the delivery code, not 0.
      await hook.close();
      closers.pop();
      const down = await cli(['notify', 'channel', 'test', 'team', '--json']);
      expect(down.code).toBe(7);
    },
  );
});
