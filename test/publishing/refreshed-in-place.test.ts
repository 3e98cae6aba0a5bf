import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/secrets/index.js';
import { createContentService } from '../../src/writer/index.js';
import { createDestinationStore } from '../../src/publishing/destination.service.js';
import { createPublisher } from '../../src/publishing/publisher.service.js';
import { createFolderDestination } from '../../src/publishing/folder-destination.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { seedArticle } from '../helpers/seed-content.js';
import { refreshRow } from '../helpers/seed-refresh.js';

describe.each(DIALECTS)('a post refreshed in place is not overwritten by a republish (%s)', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('leaves it and says why; an article edited after the refresh is sent again', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    const id = await seedArticle(t.db, tenant, 1);
    const box = createSecretBox(randomBytes(32));
    const destinations = createDestinationStore(t.db, () => box);
    const content = createContentService(t.db, { mediaDir: t.dir });
    const publisher = createPublisher({
      db: t.db,
      content,
      destinations,
      mediaDir: t.dir,
      open: (row) => createFolderDestination(JSON.parse(row.config), t.dir),
    });
    const out = path.join(t.dir, 'site');
    const dest = await destinations.upsert(scope, {
      kind: 'folder',
      name: 'files',
      config: { dir: out, format: 'md' },
    });
    const [first] = await publisher.publish(scope, { when: 'now' });
    expect(first!.status).toBe('published');
    const file = path.join(out, first!.remoteId!);
    const article = await t.db
      .selectFrom('contents')
      .select('updated_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const later = new Date(Date.parse(article.updated_at) + 60_000).toISOString();
    await t.db
      .insertInto('content_refreshes')
      .values(
        refreshRow(scope, {
          id: 'refresh-1',
          destination_id: dest.id,
          content_id: id,
          remote_id: first!.remoteId!,
          url: '',
          slug: 'cold-brew-guide-1',
          status: 'published',
          publish_attempts: 1,
          published_at: later,
          created_at: later,
          updated_at: later,
        }),
      )
      .execute();
    fs.writeFileSync(file, 'refreshed in place');
    const [kept] = await publisher.publish(scope, { when: 'now', contentIds: [id], republish: true });
    expect(kept).toMatchObject({ status: 'published', remoteId: first!.remoteId });
    expect(kept!.warnings.join(' ')).toMatch(/refreshed in place \(refresh refresh-1/);
    expect(fs.readFileSync(file, 'utf8')).toBe('refreshed in place');

    // Edited after the refresh: the article is the newer text, and a republish sends it.
    await t.db
      .updateTable('contents')
      .set({ updated_at: new Date(Date.parse(later) + 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    const [sent] = await publisher.publish(scope, { when: 'now', contentIds: [id], republish: true });
    expect(sent!.warnings).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^---\ntitle: Cold brew guide 1\n/);
  });
});
