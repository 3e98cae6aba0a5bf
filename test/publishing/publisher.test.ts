import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/secrets/index.js';
import { createContentService } from '../../src/writer/index.js';
import { createDestinationStore } from '../../src/publishing/destination.service.js';
import { createPublisher } from '../../src/publishing/publisher.service.js';
import { createFolderDestination } from '../../src/publishing/folder-destination.js';
import { createWebhookDestination, signWebhook } from '../../src/publishing/webhook-destination.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { seedArticle } from '../helpers/seed-content.js';

const SECRET = 'whsec_0123456789abcdef';

function publisherFor(t: TestDb) {
  const box = createSecretBox(randomBytes(32));
  const destinations = createDestinationStore(t.db, () => box);
  const content = createContentService(t.db, { mediaDir: t.dir });
  const publisher = createPublisher({
    db: t.db,
    content,
    destinations,
    mediaDir: t.dir,
    open: (row, secret) => {
      const cfg = JSON.parse(row.config);
      if (row.kind === 'folder') return createFolderDestination(cfg, t.dir);
      return createWebhookDestination({ ...cfg, maxAttempts: 4 }, secret!);
    },
  });
  return { publisher, destinations };
}

describe.each(DIALECTS)('publisher on %s', (dialect) => {
  let t: TestDb;
  let server: http.Server | undefined;
  afterEach(async () => {
    server?.close();
    server = undefined;
    await t?.close();
  });

  it('exports approved articles to a folder once, and re-running publishes nothing twice', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const ids = [
      await seedArticle(t.db, tenant, 1),
      await seedArticle(t.db, tenant, 2),
      await seedArticle(t.db, tenant, 3, 'draft'),
    ];
    const { publisher, destinations } = publisherFor(t);
    const out = path.join(t.dir, 'site');
    await destinations.upsert(
      { accountId: tenant.accountId, siteId: tenant.siteId },
      { kind: 'folder', name: 'files', config: { dir: out, format: 'md' } },
    );
    const first = await publisher.publish(
      { accountId: tenant.accountId, siteId: tenant.siteId },
      { when: 'now' },
    );
    expect(first.map((r) => r.status)).toEqual(['published', 'published']);
    expect(first.map((r) => r.contentId).sort()).toEqual(ids.slice(0, 2).sort());
    const md = fs.readFileSync(path.join(out, 'cold-brew-guide-1.md'), 'utf8');
    expect(md).toMatch(/^---\ntitle: Cold brew guide 1\n/);
    expect(md).toContain('focus_keyword: cold brew coffee');
    expect(md).toContain('## Beans');
    const again = await publisher.publish(
      { accountId: tenant.accountId, siteId: tenant.siteId },
      { when: 'now' },
    );
    expect(again).toEqual([]);
    const records = await t.db.selectFrom('publish_records').selectAll().execute();
    expect(records).toHaveLength(2);
    expect(records.every((r) => r.attempts === 1 && r.intent === null)).toBe(true);
  });

  it('signs webhook payloads, retries a 500 with the same idempotency key, and records the live URL', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    await seedArticle(t.db, tenant, 1);
    const seen: Array<{ key: string; ok: boolean }> = [];
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const ts = String(req.headers['x-igny8-timestamp']);
        const ok = req.headers['x-igny8-signature'] === signWebhook(SECRET, ts, body);
        seen.push({ key: String(req.headers['idempotency-key']), ok });
        if (seen.length === 1) {
          res.writeHead(500).end();
          return;
        }
        const slug = JSON.parse(body).content.slug;
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: 42, url: `https://example.test/${slug}/` }));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const { publisher, destinations } = publisherFor(t);
    const view = await destinations.upsert(
      { accountId: tenant.accountId, siteId: tenant.siteId },
      { kind: 'webhook', name: 'hook', config: { url: `http://127.0.0.1:${port}/hook` }, secret: SECRET },
    );
    expect(JSON.stringify(view)).not.toContain(SECRET);
    const row = await t.db.selectFrom('publish_destinations').select('secret_enc').executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(SECRET);
    const [res] = await publisher.publish(
      { accountId: tenant.accountId, siteId: tenant.siteId },
      { when: 'now' },
    );
    expect(res!.status).toBe('published');
    expect(res!.remoteUrl).toBe('https://example.test/cold-brew-guide-1/');
    expect(seen).toHaveLength(2);
    expect(seen.every((s) => s.ok)).toBe(true);
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
  });

  it("refuses a destination on another account's site", async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    const { destinations } = publisherFor(t);
    await expect(
      destinations.upsert(
        { accountId: a.accountId, siteId: b.siteId },
        { kind: 'folder', name: 'out', config: { dir: t.dir, format: 'md' } },
      ),
    ).rejects.toMatchObject({ code: 'SITE_NOT_FOUND' });
    expect(await t.db.selectFrom('publish_destinations').selectAll().execute()).toEqual([]);
  });

  it('schedules into the site calendar as future posts within the daily limit', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    for (let i = 1; i <= 3; i++) await seedArticle(t.db, tenant, i);
    await t.db
      .updateTable('sites')
      .set({
        settings: JSON.stringify({
          publishing: {
            mode: 'time_slots',
            timeSlots: ['09:00', '15:00'],
            days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
            limits: { daily: 2 },
          },
        }),
      })
      .execute();
    const { publisher, destinations } = publisherFor(t);
    await destinations.upsert(
      { accountId: tenant.accountId, siteId: tenant.siteId },
      { kind: 'folder', name: 'files', config: { dir: path.join(t.dir, 'out'), format: 'html' } },
    );
    const now = new Date('2026-11-25T10:00:00Z');
    const res = await publisher.publish({ accountId: tenant.accountId, siteId: tenant.siteId }, { now });
    expect(res.map((r) => r.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(res.map((r) => r.scheduledAt)).toEqual([
      '2026-11-25T15:00:00.000Z',
      '2026-11-26T09:00:00.000Z',
      '2026-11-26T15:00:00.000Z',
    ]);
    const cal = await publisher.calendar({ accountId: tenant.accountId }, { siteId: tenant.siteId });
    expect(cal).toHaveLength(3);
  });

  it('never shows another account the destinations or calendar of this one', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    const { publisher, destinations } = publisherFor(t);
    const d = await destinations.upsert(
      { accountId: a.accountId, siteId: a.siteId },
      { kind: 'folder', name: 'files', config: { dir: t.dir, format: 'md' } },
    );
    await expect(destinations.getRow({ accountId: b.accountId }, d.id)).rejects.toMatchObject({
      code: 'DESTINATION_NOT_FOUND',
    });
    expect(await destinations.list({ accountId: b.accountId })).toEqual([]);
    expect(await publisher.calendar({ accountId: b.accountId })).toEqual([]);
  });
});
