import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore } from '../../src/core.js';
import { markerKey, mediaRole } from '../../src/publishing/index.js';
import {
  createWordPressClient,
  mediaMarkerSlug,
  type WordPressClient,
} from '../../src/publishing/wordpress/index.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { seedImages, uniqueSlugs } from '../publishing/seed-publish.js';
import { copiesOf, listAllMedia } from '../publishing/wp-inspect.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from '../wordpress/wp-instance.js';
import { rng } from './chaos-ops.js';

const skip = wordpressSkipReason();
const SEED = Number(process.env.IGNY8_CHAOS_SEED ?? Date.now() % 1_000_000);
const ARTICLES = 6;
const ROUNDS = 5;
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const WORKER = path.join(root, 'test/chaos/publish-worker.ts');

interface Run {
  child: ChildProcess;
  /** Checkpoints (media uploaded, post created) the run has saved so far. */
  checkpoints(): number;
  ready: Promise<void>;
  done: Promise<boolean>;
  exited: Promise<number | null>;
  stderr(): string;
}

function startPublisher(job: Record<string, unknown>): Run {
  const child = spawn(process.execPath, ['--import', TSX, WORKER, JSON.stringify(job)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let checkpoints = 0;
  child.stderr!.on('data', (d) => (err += d));
  let onReady: () => void = () => undefined;
  let onDone: (ok: boolean) => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  const done = new Promise<boolean>((r) => (onDone = r));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const msg = JSON.parse(line) as { ready?: boolean; done?: boolean; checkpoint?: string };
    if (msg.checkpoint) checkpoints += 1;
    if (msg.ready) onReady();
    if (msg.done) onDone(true);
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  void exited.then(() => {
    onReady();
    onDone(false);
  });
  return { child, checkpoints: () => checkpoints, ready, done, exited, stderr: () => err };
}

describe.skipIf(skip !== null)(
  `publisher killed with SIGKILL against a real WordPress (seed ${SEED})`,
  () => {
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
      const live = new Set<ChildProcess>();
      afterEach(async () => {
        for (const child of live) child.kill('SIGKILL');
        await t?.close();
      });

      it('leaves exactly one post per article and one media item per image, every record published', async () => {
        t = await createTestDb(dialect);
        const tenant = await seedTenant(t.db);
        const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
        const mediaDir = path.join(t.dir, 'media');
        const ids: string[] = [];
        for (let n = 1; n <= ARTICLES; n++) ids.push(await seedArticle(t.db, tenant, n));
        await uniqueSlugs(t.db, ids, `${dialect}-${SEED}`);
        for (const id of ids) await seedImages(t.db, tenant, id, mediaDir, 2);
        const config = ConfigSchema.parse({ database: { url: t.url }, media: { dir: mediaDir } });
        const core = await createCore({ config, baseDir: t.dir, db: t });
        await core.destinations.upsert(scope, {
          kind: 'wordpress',
          name: 'blog',
          config: { url: wp.main.url, user: wp.main.user },
          secret: wp.main.appPassword,
        });
        const job = { url: t.url, baseDir: t.dir, mediaDir, ...scope, concurrency: 3 };

        const r = rng(SEED);
        let killed = 0;
        const progress: string[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const run = startPublisher(job);
          live.add(run.child);
          await run.ready;
          // After a few fresh checkpoints plus a random sliver of time: mid-upload, between a
          // create and its checkpoint, or between two articles.
          const target = r.int(0, 5);
          let finished = false;
          void run.done.then((ok) => (finished = ok));
          while (run.checkpoints() < target && !finished && run.child.exitCode === null) await sleep(5);
          await sleep(r.int(0, 400));
          if (!finished && run.child.exitCode === null) {
            run.child.kill('SIGKILL');
            killed += 1;
          }
          expect(await run.exited, run.stderr()).not.toBe(1);
          live.delete(run.child);
          const state = await t.db.selectFrom('publish_records').select(['status', 'remote_media']).execute();
          progress.push(
            `${finished ? 'finished' : 'killed'}: ${state.filter((s) => s.status === 'published').length} published, ` +
              `${state.reduce((n, s) => n + Object.keys(JSON.parse(s.remote_media)).length, 0)} media`,
          );
        }
        console.info(`publish crash (${dialect}, seed ${SEED}): ${progress.join(' | ')}`);
        const last = startPublisher(job);
        live.add(last.child);
        expect(await last.done, last.stderr()).toBe(true);
        expect(await last.exited).toBe(0);
        // The kills must have hit runs in flight, or this tested nothing.
        expect(killed).toBeGreaterThanOrEqual(2);

        const records = await t.db.selectFrom('publish_records').selectAll().orderBy('content_id').execute();
        expect(records).toHaveLength(ARTICLES);
        expect(records.map((rec) => rec.status)).toEqual(records.map(() => 'published'));
        const library = await listAllMedia(admin);
        for (const rec of records) {
          const key = markerKey(rec.marker);
          const posts = await admin.findPostsByMarker(key);
          expect(posts.map((p) => String(p.id))).toEqual([rec.remote_id]);
          expect(posts[0]!.status).toBe('publish');
          const content = await core.content.get(scope, rec.content_id);
          const remoteMedia = JSON.parse(rec.remote_media) as Record<string, { id: string; url: string }>;
          expect(Object.keys(remoteMedia).sort()).toEqual(content.images!.map((i) => i.id).sort());
          for (const image of content.images!) {
            const copies = copiesOf(library, mediaMarkerSlug(key, mediaRole(image)));
            expect(copies.map((m) => String(m.id))).toEqual([remoteMedia[image.id]!.id]);
            if (image.role === 'featured') expect(posts[0]!.featuredMedia).toBe(copies[0]!.id);
            else expect(posts[0]!.content).toContain(`<img src="${copies[0]!.sourceUrl}"`);
          }
        }
        await core.close();
      }, 300_000);
    });
  },
);
