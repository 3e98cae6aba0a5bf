import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore } from '../../src/core.js';
import { createWordPressClient, type WordPressClient } from '../../src/publishing/wordpress/index.js';
import {
  createFakeSearchConsole,
  fakeServiceAccount,
  type FakeGscRow,
  type FakeSearchConsole,
} from '../../src/testing/fake-search-console/index.js';
import { runCli, spawnCli } from '../helpers/run-cli.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from './wp-instance.js';

/**
 * A loopback proxy to WordPress that forwards everything; the first post update it sees goes to
 * WordPress, and once WordPress has answered, `onUpdated` runs (it kills the caller) and the answer is
 * dropped.
 */
async function killingProxy(target: URL, onUpdated: () => Promise<void>) {
  let armed = true;
  const server = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      const up = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: target.host },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            const route = decodeURIComponent(req.url ?? '');
            if (armed && req.method === 'POST' && /\/wp\/v2\/posts\/\d+(\?|&|$)/.test(route)) {
              armed = false;
              void onUpdated().finally(() => res.destroy());
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(chunks));
          });
        },
      );
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const skip = wordpressSkipReason();
/** Each CLI call starts Node + tsx (seconds on a busy two-core machine); nothing here is timed. */
const TIMEOUT = 600_000;

async function revisions(wp: WordPressClient, id: number): Promise<number> {
  const res = await wp.request('GET', `/wp/v2/posts/${id}/revisions`, {
    query: { per_page: 100, _fields: 'id' },
  });
  return (res.data as unknown[]).length;
}

/** Every post on the site in any status (a duplicate would show here). */
async function postCount(wp: WordPressClient): Promise<number> {
  const res = await wp.request('GET', '/wp/v2/posts', {
    query: { status: ['publish', 'draft', 'future', 'pending', 'private'], per_page: 1, _fields: 'id' },
  });
  return Number(res.headers.get('x-wp-total'));
}

/**
 * Issue 19's e2e on a real WordPress: a post made on the site (not by igny8) is imported; Search
 * Console data pulled from the fake Search Console API makes it a striking-distance candidate; it is refreshed with the missing query,
 * approved and published in place (same id and slug, one new revision, no new post); a second refresh killed by SIGKILL between WordPress's update and igny8's record of it is
 * resumed with `igny8 runs resume` and changes nothing more; a post edited on the site after the fetch
 * is refused with REFRESH_LIVE_CHANGED.
 */
describe.skipIf(skip !== null)('igny8 refresh on a real WordPress', () => {
  let wp: WpInstance;
  let t: TestDb;
  let gsc: FakeSearchConsole;
  const sa = fakeServiceAccount();
  const PROPERTY = 'sc-domain:igny8-e2e.test';
  // The property's rows, read by the fake at request time: filled once the post (and its URL) exists.
  const gscRows: FakeGscRow[] = [];
  beforeAll(async () => {
    wp = await startWordPress({ seo: 'none' });
    gsc = await createFakeSearchConsole({
      clientEmail: sa.clientEmail,
      publicKey: sa.publicKey,
      properties: { [PROPERTY]: gscRows },
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await wp?.stop();
    await gsc?.close();
  });

  it(
    'updates the same post in place exactly once, survives a kill mid-publish, and refuses a post edited since',
    async () => {
      t = await createTestDb('sqlite');
      const tenant = await seedTenant(t.db);
      fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
      const core = await createCore({ config: ConfigSchema.parse({ database: { url: t.url } }), db: t });
      await core.models.seed();
      await core.credits.grant(
        { accountId: tenant.accountId },
        { opId: 'grant', amount: 100_000, pool: 'plan' },
      );
      const cli = (args: string[], input?: string) =>
        runCli(args, {
          cwd: t.dir,
          input,
          env: {
            IGNY8_DATABASE_URL: undefined,
            IGNY8_ACCOUNT: undefined,
            IGNY8_MASTER_KEY: undefined,
            IGNY8_GSC_API_URL: gsc.apiBaseUrl,
            IGNY8_GSC_TOKEN_URL: gsc.tokenUrl,
          },
        });
      // NDJSON when the run streamed events (the result is the last line), else one JSON document.
      const json = (stdout: string) => {
        try {
          return JSON.parse(stdout.trim().split('\n').at(-1)!);
        } catch {
          return JSON.parse(stdout);
        }
      };
      const admin = createWordPressClient(wp.main);
      const tag = `cold brew ${Math.random().toString(36).slice(2, 8)}`;
      const [tagRef] = await admin.ensureTerms('tags', [tag]);
      const made = await admin.createPost({
        title: 'Cold brew at home',
        slug: `cold-brew-${tag.slice(-6)}`,
        status: 'publish',
        tags: [tagRef!.id],
        content:
          '<p>Cold brew is coffee steeped in cold water for twelve to twenty-four hours. It tastes smooth.</p>\n<h2>How to make it</h2>\n<p>Mix coarse coffee with cold water, wait, then filter it twice.</p>',
      });
      const id = made.id;

      const connect = await cli(
        ['wp', 'connect', '--url', wp.main.url, '--user', wp.main.user, '--app-password', '-'],
        wp.main.appPassword,
      );
      expect(connect.code, connect.stderr).toBe(0);
      const imported = await cli(['wp', 'import-posts', '--full']);
      expect(imported.code, imported.stderr).toBe(0);

      // 0. Search Console data for the post, pulled from the (fake) Search Console API with a service
      // account: one query it covers, one it does not at striking distance. The candidates name the
      // post, the query and why.
      gscRows.push(
        {
          date: '2026-11-20',
          page: made.link,
          query: 'cold brew concentrate',
          clicks: 3,
          impressions: 300,
          position: 12.4,
        },
        {
          date: '2026-11-21',
          page: made.link,
          query: 'cold brew concentrate',
          clicks: 2,
          impressions: 260,
          position: 11.8,
        },
        {
          date: '2026-11-21',
          page: made.link,
          query: 'cold brew',
          clicks: 40,
          impressions: 900,
          position: 9.1,
        },
      );
      fs.writeFileSync(path.join(t.dir, 'sa.json'), sa.json);
      const connected = await cli([
        'gsc',
        'connect',
        '--property',
        PROPERTY,
        '--key-file',
        'sa.json',
        '--json',
      ]);
      expect(connected.code, connected.stderr).toBe(0);
      const pulled = await cli(['gsc', 'pull', '--from', '2026-11-20', '--to', '2026-11-21', '--json']);
      expect(pulled.code, pulled.stderr).toBe(0);
      expect(json(pulled.stdout)).toMatchObject({ property: PROPERTY, days: 2, stored: 3 });
      expect(gsc.stats.tokens).toBeGreaterThan(0);
      const found = await cli(['refresh', 'candidates', '--kind', 'striking', '--json']);
      expect(found.code, found.stderr).toBe(0);
      const striking = (json(found.stdout) as { candidates: Array<Record<string, any>> }).candidates;
      expect(striking.map((c) => [c.page.url, c.queries[0]])).toEqual([[made.link, 'cold brew concentrate']]);
      expect(striking[0]!.reason).toMatch(/cold brew concentrate/);
      expect(striking[0]!.page.inventoryId).toBeTruthy();

      // 1. Refresh it (the queries default to the candidates'), review, approve, publish: the same post,
      // one new revision.
      const posts0 = await postCount(admin);
      const rev0 = await revisions(admin, id);
      const ran = await cli(['refresh', 'run', made.link, '--json']);
      expect(ran.code, ran.stderr).toBe(0);
      const first = json(ran.stdout);
      expect(first.refresh).toMatchObject({
        queries: ['cold brew concentrate'],
        queriesFrom: 'search-console',
      });
      expect(first.run.status).toBe('completed');
      expect(first.refresh).toMatchObject({
        status: 'review',
        post: { remoteId: String(id), slug: made.slug },
      });
      expect(await revisions(admin, id)).toBe(rev0);
      const diff = await cli(['refresh', 'show', first.refresh.id, '--diff']);
      expect(diff.stdout).toContain('+Cold brew concentrate');
      expect((await cli(['refresh', 'approve', first.refresh.id])).code).toBe(0);
      const published = await cli(['refresh', 'publish', first.refresh.id, '--json']);
      expect(published.code, published.stderr).toBe(0);
      expect(json(published.stdout).refresh.status).toBe('published');
      const after1 = (await admin.getPost(id))!;
      expect([after1.id, after1.slug, after1.status]).toEqual([id, made.slug, 'publish']);
      expect(after1.content).toContain('<h2>Cold brew concentrate</h2>');
      expect(await revisions(admin, id)).toBe(rev0 + 1);
      expect(await postCount(admin)).toBe(posts0);

      // 2. A second refresh, killed between WordPress's update and igny8's record of it, then resumed.
      const second = json(
        (await cli(['refresh', 'run', String(id), '--queries', 'cold brew caffeine', '--json'])).stdout,
      ).refresh;
      expect(second?.status).toBe('review');
      expect((await cli(['refresh', 'approve', second.id])).code).toBe(0);
      const rev1 = await revisions(admin, id);
      // The publishing process reaches WordPress through a proxy that, once WordPress has answered the
      // update, kills the process before it sees the answer: killed between WordPress's update and
      // igny8's record of it, whatever the machine's load.
      let child: ReturnType<typeof spawnCli> | null = null;
      let killedAfterUpdate = false;
      const proxy = await killingProxy(new URL(wp.main.url), async () => {
        killedAfterUpdate = true;
        child!.kill('SIGKILL');
        await exited;
      });
      const destination = await t.db
        .selectFrom('publish_destinations')
        .select(['id', 'config'])
        .where('kind', '=', 'wordpress')
        .executeTakeFirstOrThrow();
      const viaProxy = { ...JSON.parse(destination.config), url: proxy.url };
      await t.db
        .updateTable('publish_destinations')
        .set({ config: JSON.stringify(viaProxy) })
        .where('id', '=', destination.id)
        .execute();
      child = spawnCli(['refresh', 'publish', second.id], {
        cwd: t.dir,
        env: { IGNY8_DATABASE_URL: undefined },
      });
      const exited = new Promise<void>((r) => child!.on('exit', () => r()));
      try {
        await exited;
      } finally {
        await proxy.close();
        await t.db
          .updateTable('publish_destinations')
          .set({ config: destination.config })
          .where('id', '=', destination.id)
          .execute();
      }
      expect(killedAfterUpdate).toBe(true);
      expect(await revisions(admin, id)).toBe(rev1 + 1);
      const killed = await t.db
        .selectFrom('content_refreshes')
        .selectAll()
        .where('id', '=', second.id)
        .executeTakeFirstOrThrow();
      expect([killed.status, killed.publish_intent !== null]).toEqual(['publishing', true]);
      const run = await t.db
        .selectFrom('automation_runs')
        .select(['id', 'status'])
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(run.status).toBe('running');
      const resumed = await cli(['runs', 'resume', run.id]);
      expect(resumed.code, resumed.stderr).toBe(0);
      const done = await t.db
        .selectFrom('content_refreshes')
        .selectAll()
        .where('id', '=', second.id)
        .executeTakeFirstOrThrow();
      expect([done.status, done.publish_intent]).toEqual(['published', null]);
      expect(await revisions(admin, id)).toBe(rev1 + 1);
      expect(await postCount(admin)).toBe(posts0);
      expect((await admin.getPost(id))!.content).toContain('<h2>Cold brew caffeine</h2>');

      // 3. Edited on the site after the fetch: publishing refuses and sends nothing.
      const third = json(
        (await cli(['refresh', 'run', made.slug, '--queries', 'cold brew ratio', '--json'])).stdout,
      ).refresh;
      expect((await cli(['refresh', 'approve', third.id])).code).toBe(0);
      const edited = `${(await admin.getPost(id))!.content}\n<p>An editor added this by hand.</p>`;
      await admin.updatePost(id, { content: edited });
      const rev2 = await revisions(admin, id);
      const refused = await cli(['refresh', 'publish', third.id]);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain('REFRESH_LIVE_CHANGED');
      expect(refused.stderr).toMatch(/refresh run/);
      expect(await revisions(admin, id)).toBe(rev2);
      expect((await admin.getPost(id))!.content).toContain('An editor added this by hand.');
      expect(await postCount(admin)).toBe(posts0);
      await core.close();
    },
    TIMEOUT,
  );
});
