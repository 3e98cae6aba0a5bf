import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore, type Core } from '../../src/core.js';
import { newId } from '../../src/util/ids.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from '../wordpress/wp-instance.js';
import { uniqueSlugs } from './seed-publish.js';

const skip = wordpressSkipReason();
if (skip) console.warn(skip);

const HTML = [
  '<p>Cold brew coffee is smooth and easy.</p>',
  '<h2>Step 1: Grind the Beans</h2><p>Grind coarse.</p>',
  '<h2>Step 2: Steep Overnight</h2><p>Leave it 12 hours.</p>',
  '<h2>Step 3: Strain</h2><p>Strain twice.</p>',
  '<h2>Frequently Asked Questions</h2><h3>How long does it keep?</h3><p>Two weeks.</p>',
].join('');

/** One SQLite run is enough here: the dialects differ in nothing this test reaches. */
describe.skipIf(skip !== null)('JSON-LD and contents on a real WordPress page', () => {
  let wp: WpInstance;
  let t: TestDb;
  let core: Core;
  beforeAll(async () => {
    wp = await startWordPress();
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    await t?.close();
    await wp?.stop();
  });

  it('survives WordPress: the rendered page has the Article, FAQPage and HowTo script and the contents', async () => {
    t = await createTestDb('sqlite');
    const tenant = await seedTenant(t.db);
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    core = await createCore({
      config: ConfigSchema.parse({ database: { url: t.url }, media: { dir: 'media' } }),
      baseDir: t.dir,
      db: t,
    });
    await core.destinations.upsert(scope, {
      kind: 'wordpress',
      name: 'blog',
      config: { url: wp.main.url, user: wp.main.user },
      secret: wp.main.appPassword,
    });
    await core.tenancy.updateSite(scope, tenant.siteId, { settings: { toc: true } });
    const id = await seedArticle(t.db, tenant, 1);
    await uniqueSlugs(t.db, [id], newId().slice(0, 8));
    await t.db
      .updateTable('contents')
      .set({ html: HTML, provenance: JSON.stringify({ structure: 'how-to' }) })
      .where('id', '=', id)
      .execute();

    const [res] = await core.publisher.publish(scope, { when: 'now', status: 'publish' });
    expect(res).toMatchObject({ contentId: id, status: 'published' });
    const page = await (await fetch(res!.remoteUrl!)).text();
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
    expect(script, 'the JSON-LD script is on the rendered page').not.toBeNull();
    const items = JSON.parse(script![1]!) as Array<Record<string, unknown>>;
    expect(items.map((i) => i['@type'])).toEqual(['Article', 'FAQPage', 'HowTo']);
    expect(items[0]).toMatchObject({ headline: 'Cold brew guide 1', author: { '@type': 'Organization' } });
    expect(page).toContain('href="#step-1-grind-the-beans"');
    expect(page).toMatch(/<h2 id="step-1-grind-the-beans"/);
  }, 120_000);
});
