import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore, type Core } from '../../src/core.js';
import { createWordPressClient, type WordPressClient } from '../../src/publishing/wordpress/index.js';
import { runCli } from '../helpers/run-cli.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from '../wordpress/wp-instance.js';

const skip = wordpressSkipReason();
if (skip) console.warn(skip);

const letters = () =>
  Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

describe.skipIf(skip !== null)("the site's existing posts (inventory) from a real WordPress", () => {
  let wp: WpInstance;
  let admin: WordPressClient;
  beforeAll(async () => {
    wp = await startWordPress();
    admin = createWordPressClient(wp.main);
  }, 120_000);
  afterAll(async () => {
    await wp?.stop();
  });

  describe.each(DIALECTS)('on %s', (dialect) => {
    let t: TestDb;
    let core: Core | undefined;
    afterEach(async () => {
      await core?.close();
      await t?.close();
    });

    it('imports existing posts, offers them as link targets and names them in cannibalization warnings', async () => {
      const run = letters();
      // Existing content a client's site already has: a post with a Yoast focus keyword and a tag,
      // and a page. Made straight on the site, not by igny8.
      const [tag] = await admin.ensureTerms('tags', [`Iced coffee ${run}`]);
      const existing = await admin.createPost({
        title: `The cold brew ${run} handbook`,
        content: '<p>Everything about cold brew.</p>',
        excerpt: 'Our long-standing guide.',
        status: 'publish',
        tags: [tag!.id],
        meta: { _yoast_wpseo_focuskw: `cold brew ${run}` },
      });
      await admin.request('POST', '/wp/v2/pages', {
        json: { title: `About ${run}`, content: '<p>About us.</p>', status: 'publish' },
      });

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
      const connect = await cli(
        ['wp', 'connect', '--json', '--url', wp.main.url, '--user', wp.main.user, '--app-password', '-'],
        wp.main.appPassword,
      );
      expect(connect.code, connect.stderr).toBe(0);

      const imported = await cli(['wp', 'import-posts', '--json']);
      expect(imported.code, imported.stderr).toBe(0);
      const [first] = JSON.parse(imported.stdout) as Array<{
        read: number;
        added: number;
        since: string | null;
      }>;
      expect(first!.since).toBeNull();
      expect(first!.added).toBeGreaterThanOrEqual(2);
      // A second import is incremental (from the last modified date) and adds nothing.
      const again = JSON.parse((await cli(['wp', 'import-posts', '--json'])).stdout) as Array<{
        added: number;
        since: string | null;
      }>;
      expect(again[0]!.since).not.toBeNull();
      expect(again[0]!.added).toBe(0);

      const listed = await cli(['inventory', 'list', '--search', run, '--json']);
      expect(listed.code, listed.stderr).toBe(0);
      const items = (JSON.parse(listed.stdout) as { items: Array<Record<string, unknown>> }).items;
      const post = items.find((i) => i.kind === 'post')!;
      expect(post).toMatchObject({
        remoteId: String(existing.id),
        title: `The cold brew ${run} handbook`,
        url: existing.link,
        slug: existing.slug,
        excerpt: 'Our long-standing guide.',
        tags: [`Iced coffee ${run}`],
        categories: ['Uncategorized'],
        focusKeyword: `cold brew ${run}`,
        contentId: null,
      });
      expect(items.find((i) => i.kind === 'page')).toMatchObject({ title: `About ${run}` });

      // A new article on the same topic: stage 7 offers the existing post as a link target and the
      // SEO report warns that the site already targets its focus keyword.
      const config = ConfigSchema.parse({ database: { url: t.url }, media: { dir: 'media' } });
      core = await createCore({ config, baseDir: t.dir, db: t });
      const id = await seedArticle(t.db, tenant, 1, 'draft');
      await t.db
        .updateTable('contents')
        .set({
          focus_keyword: `cold brew ${run}`,
          keywords: JSON.stringify([`cold brew ${run}`, `iced coffee ${run}`]),
          html: `<p>Cold brew ${run} is smooth.</p><h2>Serving</h2><p>Many readers prefer iced coffee ${run} in summer.</p>`,
        })
        .where('id', '=', id)
        .execute();
      const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
      // Offline: the sandbox provider answers suggest_links (no key set), metered as usual.
      await core.models.seed();
      await core.credits.grant(scope, { opId: 'inventory-e2e', amount: 10_000, pool: 'plan' });
      const result = await core.automation.start(scope, { options: { stages: [7], maxLinks: 3 } });
      expect(result.status).toBe('completed');
      const row = await t.db
        .selectFrom('contents')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const links = JSON.parse(row.link_suggestions!) as {
        suggestions: Array<{ href: string; anchor: string }>;
      };
      expect(links.suggestions).toEqual([
        expect.objectContaining({ href: existing.link, anchor: `iced coffee ${run}` }),
      ]);
      const report = JSON.parse(row.seo_report!) as {
        checks: Array<{ id: string; passed: boolean; detail: string }>;
      };
      const cannibal = report.checks.find((c) => c.id === 'cannibalization')!;
      expect(cannibal.passed).toBe(false);
      expect(cannibal.detail).toContain(`The cold brew ${run} handbook (live: ${existing.link})`);

      // Approving applies the link: the article now points at the existing, live post.
      const approved = await core.content.approve(scope, id);
      expect(approved.html).toContain(`<a href="${existing.link}">iced coffee ${run}</a>`);
    }, 240_000);
  });
});
