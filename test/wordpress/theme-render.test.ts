import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore, type Core } from '../../src/core.js';
import { createWordPressClient, type WordPressClient } from '../../src/publishing/wordpress/index.js';
import { newId } from '../../src/util/ids.js';
import { CHROMIUM, CHROMIUM_FLAGS, ROOT } from '../browser/browser-harness.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { seedImages, uniqueSlugs } from '../publishing/seed-publish.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from './wp-instance.js';

const wpSkip = wordpressSkipReason();
const haveChromium = fs.existsSync(CHROMIUM);
if (wpSkip) console.warn(wpSkip);
if (!haveChromium && !process.env.CI) console.warn(`[theme render] skipped: ${CHROMIUM} is missing`);
const SHOTS = path.join(ROOT, 'test-output', 'wordpress');
const WIDTHS = [390, 1280];

/** How wide the page is against the window, and the widest image, in CSS pixels. */
async function measure(page: Page) {
  return page.evaluate(`(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    images: [...document.querySelectorAll('main img, .wp-site-blocks img')].map((img) => ({
      src: img.currentSrc || img.src,
      width: img.getBoundingClientRect().width,
      loaded: img.complete && img.naturalWidth > 0,
    })),
  }))()`) as Promise<{
    scrollWidth: number;
    innerWidth: number;
    images: Array<{ src: string; width: number; loaded: boolean }>;
  }>;
}

/**
 * A published article rendered by a real theme (Debian's twentytwentythree, activated by
 * scripts/services/wordpress.sh) in Chromium, at a phone's and a laptop's width.
 */
describe.skipIf(wpSkip !== null || (!haveChromium && !process.env.CI))(
  'a published article in the real theme',
  () => {
    let wp: WpInstance;
    let admin: WordPressClient;
    let t: TestDb;
    let core: Core;
    let context: BrowserContext;
    let userData: string;
    beforeAll(async () => {
      wp = await startWordPress({ seo: 'none' });
      admin = createWordPressClient(wp.main);
      t = await createTestDb('sqlite');
      const config = ConfigSchema.parse({ database: { url: t.url }, media: { dir: 'media' } });
      core = await createCore({ config, baseDir: t.dir, db: t });
      userData = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-chromium-'));
      const { chromium } = await import('playwright-core');
      context = await chromium.launchPersistentContext(userData, {
        executablePath: CHROMIUM,
        args: CHROMIUM_FLAGS,
        headless: true,
      });
      fs.mkdirSync(SHOTS, { recursive: true });
    }, 120_000);
    afterAll(async () => {
      await context?.close();
      await core?.close();
      await t?.close();
      await wp?.stop();
      if (userData) fs.rmSync(userData, { recursive: true, force: true });
    });

    async function render(url: string, name: string) {
      const out: Array<Awaited<ReturnType<typeof measure>>> = [];
      const page = await context.newPage();
      try {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(url, { waitUntil: 'load' });
          await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
          out.push(await measure(page));
        }
      } finally {
        await page.close();
      }
      return out;
    }

    it('has no horizontal overflow at 390 and 1280 px, with featured and inline images shown', async () => {
      const tenant = await seedTenant(t.db);
      const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
      await core.destinations.upsert(scope, {
        kind: 'wordpress',
        name: 'blog',
        config: { url: wp.main.url, user: wp.main.user },
        secret: wp.main.appPassword,
      });
      const id = await seedArticle(t.db, tenant, 21);
      await uniqueSlugs(t.db, [id], newId().slice(0, 8));
      await seedImages(t.db, tenant, id, path.join(t.dir, 'media'), 2, { width: 1200, height: 675 });
      const [res] = await core.publisher.publish(scope, { when: 'now', status: 'publish' });
      expect(res).toMatchObject({ status: 'published' });

      const views = await render(res!.remoteUrl!, 'article');
      for (const v of views) {
        expect(v.scrollWidth, `page width at ${v.innerWidth} px`).toBeLessThanOrEqual(v.innerWidth);
        // The featured image and both inline images are on the page, loaded, within the window.
        const ours = v.images.filter((i) => /igny8-[0-9a-f]+|cold-brew-guide-21/.test(i.src));
        expect(ours.length, JSON.stringify(v.images)).toBeGreaterThanOrEqual(3);
        for (const img of ours) {
          expect(img.loaded, img.src).toBe(true);
          expect(img.width).toBeLessThanOrEqual(v.innerWidth);
        }
      }

      // The control: the same inline image as a bare <figure><img> (what igny8 used to send)
      // overflows the phone-width page — so the check above can fail.
      const post = (await admin.getPost(Number(res!.remoteId)))!;
      const src = /<img src="([^"]+)"/.exec(post.content)![1]!.replace(/-1024x576(\.png)$/, '$1');
      const bare = await admin.createPost({
        title: 'Bare image',
        status: 'publish',
        content: `<p>Intro.</p><figure><img src="${src}" alt="bare" width="1200" height="675"></figure>`,
      });
      const [phone] = await render(bare.link, 'bare-image');
      expect(phone!.scrollWidth).toBeGreaterThan(phone!.innerWidth);
    }, 120_000);
  },
);
