import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWordPressClient } from '../../src/publishing/wordpress/index.js';
import { runCli } from '../helpers/run-cli.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { seedImages, uniqueSlugs } from '../publishing/seed-publish.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from './wp-instance.js';

const skip = wordpressSkipReason();
/** Each CLI call starts Node + tsx (seconds on a busy two-core machine); nothing here is timed. */
const CLI_TEST_TIMEOUT = 300_000;
const TEMPLATE = path.resolve(import.meta.dirname, '../../templates/wordpress/igny8-seo-fields.php');

/**
 * What the CLI shows about publishing on a stock WordPress: publish state in content list/show and
 * the calendar (the site's status, the account's timezone), repaired media, the sample-content
 * refusal, and the companion SEO plugin. The database side runs on both dialects in
 * publish-lifecycle.test.ts; here one SQLite project is enough.
 */
describe.skipIf(skip !== null)('igny8 publish, content and wp on a stock WordPress', () => {
  let wp: WpInstance;
  let t: TestDb;
  beforeAll(async () => {
    wp = await startWordPress({ seo: 'none' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await wp?.stop();
  });

  it(
    'shows where articles stand, repairs media, refuses sample content, and writes the SEO plugin',
    async () => {
      t = await createTestDb('sqlite');
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
      const tz = 'Asia/Kolkata';
      await t.db.updateTable('accounts').set({ timezone: tz }).execute();
      await t.db
        .updateTable('sites')
        .set({
          settings: JSON.stringify({
            publishing: {
              mode: 'time_slots',
              timeSlots: ['07:15'],
              days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
            },
          }),
        })
        .execute();
      const run = Math.random().toString(36).slice(2, 8);
      const draft = await seedArticle(t.db, tenant, 31);
      const later = await seedArticle(t.db, tenant, 32);
      await uniqueSlugs(t.db, [draft, later], run);
      await seedImages(t.db, tenant, draft, path.join(t.dir, 'media'), 1);

      const connect = await cli(
        ['wp', 'connect', '--url', wp.main.url, '--user', wp.main.user, '--app-password', '-'],
        wp.main.appPassword,
      );
      expect(connect.code, connect.stderr).toBe(0);
      // A stock site: the companion plugin is missing, and wp test says what it would unlock.
      expect(connect.stdout).toMatch(
        /✗ seo-companion: companion plugin igny8-seo-fields\.php missing; it would unlock SEO title, meta description and focus keyword for Yoast SEO, Rank Math, SEOPress and All in One SEO\n\s+hint: Run `igny8 wp plugin --out DIR`/,
      );

      // One sent now as a draft, one scheduled by the site's slot (07:15 in the account's timezone).
      const now = await cli(['publish', '--now', '--status', 'draft', '--content', draft, '--json']);
      expect(now.code, now.stderr).toBe(0);
      const [sent] = JSON.parse(now.stdout);
      // Delivered, and a draft on the site: both are said.
      expect(sent).toMatchObject({ contentId: draft, status: 'published', remoteStatus: 'draft' });
      const scheduled = await cli(['publish', '--content', later, '--json']);
      expect(scheduled.code, scheduled.stderr).toBe(0);
      expect(JSON.parse(scheduled.stdout)).toMatchObject([{ contentId: later, status: 'scheduled' }]);

      const list = await cli(['content', 'list']);
      expect(list.stdout).toMatch(
        new RegExp(`${draft}\\s.*wordpress\\s+draft\\s+.*${sent.remoteUrl.replace(/[?.]/g, '\\$&')}`),
      );
      expect(list.stdout).toMatch(
        new RegExp(`${later}\\s.*wordpress\\s+scheduled\\s+\\d{4}-\\d\\d-\\d\\d 07:15`),
      );
      expect(list.stdout).toContain(`times in ${tz}`);
      const show = await cli(['content', 'show', draft]);
      expect(show.stdout).toMatch(
        /^published:\n {2}wordpress: draft, sent \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Kolkata\) http/m,
      );
      const json = JSON.parse((await cli(['content', 'show', later, '--json'])).stdout);
      expect(json.publishing).toMatchObject([
        { destination: 'wordpress', kind: 'wordpress', status: 'scheduled', remoteStatus: 'future' },
      ]);

      const calendar = await cli(['publish', 'calendar', '--from', '2000-01-01']);
      // The draft is a draft on the site, not "published"; the slot shows as the account's 07:15.
      expect(calendar.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d\s+draft\s+wordpress/);
      expect(calendar.stdout).toMatch(/\d{4}-\d\d-\d\d 07:15\s+scheduled\s+wordpress/);
      expect(calendar.stdout).not.toMatch(/\spublished\s/);
      expect(calendar.stdout).toContain(`times in ${tz}`);

      // The featured image is deleted in the media library; a republish uploads it again and says so.
      const admin = createWordPressClient(wp.main);
      const featured = (await admin.getPost(Number(sent.remoteId)))!.featuredMedia;
      await admin.request('DELETE', `/wp/v2/media/${featured}`, { query: { force: true } });
      const again = await cli(['publish', '--now', '--status', 'draft', '--content', draft, '--republish']);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('repaired: re-uploaded featured (deleted on the site)');
      expect(again.stdout).toMatch(new RegExp(`${draft}\\s+published\\s+draft\\s`));
      expect((await admin.getPost(Number(sent.remoteId)))!.featuredMedia).not.toBe(featured);

      // Sample content is not sent to a site off this machine without --allow-sample.
      await t.db
        .updateTable('contents')
        .set({ provenance: JSON.stringify({ provider: 'sandbox', sandbox: true }), status: 'approved' })
        .execute();
      const client = await cli(
        [
          'wp',
          'connect',
          '--url',
          'https://client.invalid',
          '--user',
          'editor',
          '--name',
          'client',
          '--skip-check',
        ],
        'abcd efgh ijkl mnop',
      );
      expect(client.code, client.stderr).toBe(0);
      const refused = await cli(['publish', '--destination', 'client', '--now']);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toMatch(
        /error SAMPLE_CONTENT: 2 of 2 article\(s\) are sample content made by the sandbox/,
      );
      expect(refused.stderr).toMatch(/hint: .*--allow-sample/);

      // The companion plugin, written where asked, is the bundled file.
      const out = path.join(t.dir, 'mu-plugins');
      const plugin = await cli(['wp', 'plugin', '--out', 'mu-plugins', '--json']);
      expect(plugin.code, plugin.stderr).toBe(0);
      expect(JSON.parse(plugin.stdout)).toEqual({ file: path.join(out, 'igny8-seo-fields.php') });
      expect(fs.readFileSync(path.join(out, 'igny8-seo-fields.php'), 'utf8')).toBe(
        fs.readFileSync(TEMPLATE, 'utf8'),
      );
    },
    CLI_TEST_TIMEOUT,
  );
});
