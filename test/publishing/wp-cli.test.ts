import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWordPressClient } from '../../src/publishing/wordpress/index.js';
import { runCli } from '../helpers/run-cli.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from '../wordpress/wp-instance.js';
import { seedImages, uniqueSlugs } from './seed-publish.js';
import { freePort } from '../helpers/free-port.js';

const skip = wordpressSkipReason();
/** Each CLI call starts Node + tsx (seconds on a busy two-core machine); nothing here is timed. */
const CLI_TEST_TIMEOUT = 240_000;

describe.skipIf(skip !== null)('igny8 wp and igny8 publish against a real WordPress', () => {
  let wp: WpInstance;
  beforeAll(async () => {
    wp = await startWordPress({ plain: true });
  }, 120_000);
  afterAll(async () => {
    await wp?.stop();
  });

  describe.each(DIALECTS)('on %s', (dialect) => {
    let t: TestDb;
    afterEach(async () => t?.close());

    async function project() {
      t = await createTestDb(dialect);
      const tenant = await seedTenant(t.db);
      fs.writeFileSync(
        path.join(t.dir, 'igny8.config.json'),
        JSON.stringify({ database: { url: t.url }, media: { dir: 'media' } }),
      );
      const cli = (args: string[], input?: string) =>
        runCli(args, {
          cwd: t.dir,
          input,
          env: { IGNY8_DATABASE_URL: undefined, IGNY8_ACCOUNT: undefined, IGNY8_MASTER_KEY: undefined },
        });
      return { cli, tenant };
    }

    it(
      'refuses to connect with a wrong password, an unreachable site or plain permalinks, saying what to fix',
      async () => {
        const { cli } = await project();
        const wrong = 'wXyZ 1234 aBcD 5678 eFgH 9012';
        const base = ['wp', 'connect', '--user', wp.main.user, '--json'];

        const auth = await cli([...base, '--url', wp.main.url, '--app-password', '-'], wrong);
        expect(auth.code).toBe(6);
        expect(JSON.parse(auth.stdout).error.code).toBe('WP_AUTH_FAILED');
        expect(auth.stderr).toMatch(
          /error WP_AUTH_FAILED: WordPress at .* rejected the login of user "admin"/,
        );
        expect(auth.stderr).toMatch(/hint: Check the application password; create one under Users → Profile/);
        expect(`${auth.stdout}${auth.stderr}`).not.toContain(wrong);

        const down = `http://127.0.0.1:${await freePort()}`;
        const unreachable = await cli([...base, '--url', down, '--app-password', wp.main.appPassword]);
        expect(unreachable.code).toBe(7);
        expect(unreachable.stderr).toContain(`error WP_UNREACHABLE: Could not reach WordPress at ${down}`);
        expect(unreachable.stderr).toMatch(/hint: Check the site URL and that the site is up/);

        const plain = await cli(
          ['wp', 'connect', '--json', '--url', wp.plain!.url, '--user', wp.plain!.user],
          wp.plain!.appPassword,
        );
        expect(plain.code).toBe(2);
        expect(JSON.parse(plain.stdout).error.code).toBe('WP_PERMALINKS');
        expect(plain.stderr).toMatch(/uses plain permalinks/);
        expect(plain.stderr).toMatch(
          /hint: In WordPress open Settings → Permalinks, choose "Post name" and save\./,
        );

        // Nothing was saved by the refused attempts.
        expect(await t.db.selectFrom('publish_destinations').selectAll().execute()).toEqual([]);

        // --skip-check saves anyway; `wp test` then reports what is wrong, with the auth exit code.
        const saved = await cli([...base, '--url', wp.main.url, '--skip-check'], wrong);
        expect(saved.code).toBe(0);
        expect(JSON.parse(saved.stdout).report).toBeNull();
        const test = await cli(['wp', 'test', '--json']);
        expect(test.code).toBe(6);
        const report = JSON.parse(test.stdout);
        expect(report.ok).toBe(false);
        expect(report.checks.find((c: { name: string }) => c.name === 'users/me')).toMatchObject({
          ok: false,
          hint: expect.stringMatching(/application password/i),
        });
      },
      CLI_TEST_TIMEOUT,
    );

    it(
      'connects (password from stdin, stored encrypted), tests, publishes, syncs and shows the calendar',
      async () => {
        const { cli, tenant } = await project();
        const run = Math.random().toString(36).slice(2, 8);
        const id = await seedArticle(t.db, tenant, 7);
        await uniqueSlugs(t.db, [id], run);
        await seedImages(t.db, tenant, id, path.join(t.dir, 'media'), 1);

        const connect = await cli(
          [
            'wp',
            'connect',
            '--url',
            `${wp.main.url}/`,
            '--user',
            wp.main.user,
            '--categories',
            `News ${run}`,
            '--json',
          ],
          `${wp.main.appPassword}\n`,
        );
        expect(connect.code).toBe(0);
        const connected = JSON.parse(connect.stdout);
        expect(connected.destination).toMatchObject({
          kind: 'wordpress',
          name: 'wordpress',
          hasSecret: true,
          config: { url: wp.main.url, user: wp.main.user, categories: [`News ${run}`] },
        });
        expect(connected.report.ok).toBe(true);
        expect(connect.stdout).not.toContain(wp.main.appPassword);
        const row = await t.db.selectFrom('publish_destinations').selectAll().executeTakeFirstOrThrow();
        expect(row.secret_enc).toBeTruthy();
        expect(row.secret_enc).not.toContain(wp.main.appPassword);
        expect(row.config).not.toContain(wp.main.appPassword);

        const test = await cli(['wp', 'test', '--json']);
        expect(test.code).toBe(0);
        const report = JSON.parse(test.stdout);
        expect(report.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
          ['rest', true],
          ['permalinks', true],
          ['users/me', true],
          ['capabilities', true],
          ['seo-fields', true],
          ['seo-companion', true],
        ]);
        expect(report.checks[5].detail).toBe('not needed: Yoast SEO exposes every field');
        expect(report.checks[4].detail).toMatch(/^Yoast SEO: title, description, focusKeyword writable$/);
        const human = await cli(['wp', 'test']);
        expect(human.stdout).toMatch(/^WordPress at .*: ready$/m);
        expect(human.stdout).toMatch(/^✓ users\/me: admin/m);

        const publish = await cli(['publish', '--now', '--status', 'publish', '--json']);
        expect(publish.code).toBe(0);
        const [res] = JSON.parse(publish.stdout);
        expect(res).toMatchObject({ contentId: id, status: 'published', warnings: [] });
        expect(res.remoteUrl).toBe(`${wp.main.url}/cold-brew-guide-7-${run}/`);
        const admin = createWordPressClient(wp.main);
        const post = (await admin.getPost(Number(res.remoteId)))!;
        expect(post.status).toBe('publish');
        expect(post.featuredMedia).toBeGreaterThan(0);
        expect((await fetch(res.remoteUrl)).status).toBe(200);

        const again = await cli(['publish', '--now']);
        expect(again.code).toBe(0);
        expect(again.stdout).toMatch(/nothing to publish/);

        const calendar = await cli(['publish', 'calendar', '--from', '2000-01-01', '--json']);
        expect(JSON.parse(calendar.stdout).items).toMatchObject([{ contentId: id, status: 'published' }]);
        const sync = await cli(['wp', 'sync', '--json']);
        expect(JSON.parse(sync.stdout)).toEqual({
          checked: 1,
          changes: [],
          linksUpdated: [],
          inventory: { ok: true },
        });
        await admin.request('DELETE', `/wp/v2/posts/${res.remoteId}`);
        const synced = await cli(['wp', 'sync']);
        expect(synced.stdout).toMatch(/checked 1 post\(s\); 1 changed/);
        expect(synced.stdout).toMatch(/publish\s+trash/);

        const badDate = await cli(['publish', 'calendar', '--from', 'yesterday']);
        expect(badDate.code).toBe(2);
        expect(badDate.stderr).toMatch(/error VALIDATION_FAILED: .*from/);
      },
      CLI_TEST_TIMEOUT,
    );

    it(
      'shows and changes publishing settings, validating them',
      async () => {
        const { cli } = await project();
        const shown = JSON.parse((await cli(['publish', 'settings', '--json'])).stdout);
        expect(shown).toMatchObject({
          changed: false,
          timezone: 'UTC',
          publishing: { mode: 'time_slots', status: 'draft' },
        });

        const set = await cli([
          'publish',
          'settings',
          '--slots',
          '08:00,13:30',
          '--days',
          'mon,wed',
          '--daily',
          '2',
          '--status',
          'publish',
          '--json',
        ]);
        expect(set.code).toBe(0);
        expect(JSON.parse(set.stdout).publishing).toMatchObject({
          timeSlots: ['08:00', '13:30'],
          days: ['mon', 'wed'],
          status: 'publish',
          limits: { daily: 2, weekly: 15, monthly: 60 },
        });
        const site = await t.db.selectFrom('sites').select('settings').executeTakeFirstOrThrow();
        expect(JSON.parse(site.settings).publishing.limits.daily).toBe(2);

        const bad = await cli(['publish', 'settings', '--slots', '25:00', '--json']);
        expect(bad.code).toBe(2);
        expect(JSON.parse(bad.stdout).error.code).toBe('VALIDATION_FAILED');
        expect(bad.stderr).toMatch(/timeSlots.*a time like "09:30"/);
        const badDays = await cli([
          'publish',
          'settings',
          '--mode',
          'stagger',
          '--stagger-start',
          '18:00',
          '--stagger-end',
          '09:00',
        ]);
        expect(badDays.code).toBe(2);
        expect(badDays.stderr).toMatch(/Stagger start 18:00 is after its end 09:00/);
        const after = await t.db.selectFrom('sites').select('settings').executeTakeFirstOrThrow();
        expect(JSON.parse(after.settings).publishing).toMatchObject({
          mode: 'time_slots',
          timeSlots: ['08:00', '13:30'],
        });
      },
      CLI_TEST_TIMEOUT,
    );

    it(
      'adds, lists and removes folder and webhook destinations without showing secrets',
      async () => {
        const { cli, tenant } = await project();
        const folder = await cli([
          'publish',
          'add-destination',
          'folder',
          '--dir',
          'out',
          '--format',
          'html',
          '--json',
        ]);
        expect(folder.code).toBe(0);
        expect(JSON.parse(folder.stdout).config).toEqual({ dir: path.join(t.dir, 'out'), format: 'html' });
        const secret = 'whsec_0123456789abcdef';
        const hook = await cli(
          [
            'publish',
            'add-destination',
            'webhook',
            '--url',
            'https://hooks.example.test/in',
            '--name',
            'hook',
            '--secret',
            '-',
          ],
          secret,
        );
        expect(hook.code).toBe(0);

        const list = await cli(['publish', 'destinations', '--json']);
        expect(
          JSON.parse(list.stdout).items.map((d: { name: string; hasSecret: boolean }) => [
            d.name,
            d.hasSecret,
          ]),
        ).toEqual([
          ['folder', false],
          ['hook', true],
        ]);
        expect(list.stdout).not.toContain(secret);
        expect((await cli(['publish', 'destinations'])).stdout).toMatch(
          /^hook\s+webhook\s+https:\/\/hooks\.example\.test\/in\s+stored/m,
        );

        const id = await seedArticle(t.db, tenant, 1);
        const published = await cli(['publish', '--destination', 'folder', '--now', '--json']);
        expect(JSON.parse(published.stdout)).toMatchObject([{ contentId: id, status: 'published' }]);
        expect(fs.existsSync(path.join(t.dir, 'out', 'cold-brew-guide-1.html'))).toBe(true);

        expect((await cli(['publish', 'remove-destination', 'hook'])).code).toBe(0);
        const missing = await cli(['publish', 'remove-destination', 'hook']);
        expect(missing.code).toBe(3);
        expect(missing.stderr).toMatch(/error DESTINATION_NOT_FOUND: No publishing destination "hook"/);
        const nowp = await cli(['wp', 'test']);
        expect(nowp.code).toBe(3);
        expect(nowp.stderr).toMatch(/not connected to WordPress\nhint: Connect it with `igny8 wp connect/);
      },
      CLI_TEST_TIMEOUT,
    );
  });
});
