import { afterEach, describe, expect, it } from 'vitest';
import { seedArticle } from '../../test/helpers/seed-content.js';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import type { AiEngine } from '../ai/index.js';
import { Igny8Error } from '../errors/index.js';
import { getImage, listImages, regenerateImage } from './images.service.js';
import { getTask, listTasks } from './tasks.service.js';

type Run = AiEngine['run'];

describe.each(DIALECTS)('image gallery, regeneration and tasks on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function image(
    tenant: SeededTenant,
    contentId: string,
    id: string,
    over: Partial<{
      role: 'featured' | 'inline';
      position: number;
      status: 'pending' | 'generating' | 'done' | 'failed';
      file: string | null;
    }> = {},
  ): Promise<void> {
    const now = new Date().toISOString();
    await t.db
      .insertInto('images')
      .values({
        id,
        account_id: tenant.accountId,
        site_id: tenant.siteId,
        sector_id: tenant.sectorId,
        content_id: contentId,
        role: over.role ?? 'inline',
        position: over.position ?? (over.role === 'featured' ? 0 : 1),
        prompt: `Prompt of ${id}`,
        negative_prompt: 'blurry',
        alt: null,
        caption: null,
        file_path: over.file === undefined ? `${id}.png` : over.file,
        sha256: over.file === null ? null : `sha-${id}`,
        mime: 'image/png',
        width: 10,
        height: 10,
        size_bytes: 100,
        model: 'sandbox:sandbox-image',
        error: null,
        status: over.status ?? 'done',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async function setup() {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    const c1 = await seedArticle(t.db, a, 1, 'draft');
    const c2 = await seedArticle(t.db, a, 2, 'draft');
    await image(a, c1, 'f1', { role: 'featured' });
    await image(a, c1, 'i1');
    await image(a, c2, 'i2', { status: 'failed', file: null });
    await image(a, c2, 'g2', { position: 2, status: 'generating', file: null });
    return { a, b, c1, c2, scope: { accountId: a.accountId } };
  }

  it('lists and reads images with their article, by article, role and status', async () => {
    const { a, b, c1, scope } = await setup();
    const all = await listImages(t.db, scope);
    expect(all.total).toBe(4);
    // Grouped by article, newest article first; featured before inline, in article order.
    expect(all.items.map((i) => i.id)).toEqual(['i2', 'g2', 'f1', 'i1']);
    const f1 = all.items.find((i) => i.id === 'f1')!;
    expect(f1).toMatchObject({
      contentTitle: 'Cold brew guide 1',
      contentSlug: 'cold-brew-guide-1',
      siteId: a.siteId,
    });
    expect((await listImages(t.db, scope, { contentId: c1 })).items.map((i) => i.id)).toEqual(['f1', 'i1']);
    expect((await listImages(t.db, scope, { role: 'featured' })).items.map((i) => i.id)).toEqual(['f1']);
    expect((await listImages(t.db, scope, { status: 'failed' })).items.map((i) => i.id)).toEqual(['i2']);
    expect((await listImages(t.db, { accountId: b.accountId })).total).toBe(0);
    expect(await getImage(t.db, scope, 'i1')).toMatchObject({ id: 'i1', contentId: c1 });
    const err = await getImage(t.db, { accountId: b.accountId }, 'i1').catch((e: unknown) => e);
    expect((err as Igny8Error).code).toBe('IMAGE_NOT_FOUND');
  });

  it('regenerates through the engine with a fresh operation id and the new prompt', async () => {
    const { scope } = await setup();
    const calls: Array<{ scope: unknown; input: any; opts: any }> = [];
    const run = (async (s, _name, input, opts) => {
      calls.push({ scope: s, input, opts });
      // The row is reset before the engine runs.
      const row = await t.db
        .selectFrom('images')
        .selectAll()
        .where('id', '=', 'i1')
        .executeTakeFirstOrThrow();
      expect([row.status, row.prompt]).toEqual(['generating', 'A new prompt']);
      await t.db
        .updateTable('images')
        .set({ status: 'done', sha256: 'sha-new', file_path: 'new.png' })
        .where('id', '=', 'i1')
        .execute();
      return {} as never;
    }) as Run;
    const out = await regenerateImage(t.db, { ai: { run } }, scope, 'i1', { prompt: 'A new prompt' });
    expect(out).toMatchObject({
      status: 'done',
      sha256: 'sha-new',
      prompt: 'A new prompt',
      negativePrompt: 'blurry',
    });
    await regenerateImage(t.db, { ai: { run } }, scope, 'i1', { negativePrompt: null });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.input).toMatchObject({
      imageId: 'i1',
      prompt: 'A new prompt',
      negativePrompt: 'blurry',
      role: 'inline',
    });
    expect(calls[1]!.input.negativePrompt).toBeNull();
    expect(calls[0]!.opts.save).toBe(true);
    expect(calls[0]!.opts.opId).toMatch(/^image:i1:regenerate:/);
    expect(calls[0]!.opts.opId).not.toBe(calls[1]!.opts.opId);
  });

  it('marks an image without a good file failed when drawing fails; refuses one being drawn', async () => {
    const { b, scope } = await setup();
    const failing = (async () => {
      throw new Igny8Error('PROVIDER_TRANSIENT', 'the provider fell over');
    }) as Run;
    const err = await regenerateImage(t.db, { ai: { run: failing } }, scope, 'i2').catch((e: unknown) => e);
    expect((err as Igny8Error).message).toBe('the provider fell over');
    expect(await getImage(t.db, scope, 'i2')).toMatchObject({
      status: 'failed',
      error: 'the provider fell over',
    });

    const kept = await regenerateImage(t.db, { ai: { run: failing } }, scope, 'f1', {
      prompt: 'Another one',
    }).catch((e: unknown) => e);
    expect(kept).toBeInstanceOf(Igny8Error);
    expect(await getImage(t.db, scope, 'f1')).toMatchObject({
      status: 'done',
      sha256: 'sha-f1',
      prompt: 'Prompt of f1',
      error: 'Regeneration failed: the provider fell over',
    });

    const busy = await regenerateImage(t.db, { ai: { run: failing } }, scope, 'g2').catch((e: unknown) => e);
    expect((busy as Igny8Error).code).toBe('INVALID_STATE');
    const foreign = await regenerateImage(
      t.db,
      { ai: { run: failing } },
      { accountId: b.accountId },
      'i1',
    ).catch((e: unknown) => e);
    expect((foreign as Igny8Error).code).toBe('IMAGE_NOT_FOUND');
    expect((await getImage(t.db, scope, 'i1')).status).toBe('done');
  });

  it("lists tasks with their idea's title and article, and reads one", async () => {
    const { a, b, c1, scope } = await setup();
    const all = await listTasks(t.db, scope);
    expect(all.total).toBe(2);
    expect(all.items.map((x) => x.title).sort()).toEqual(['Idea 1', 'Idea 2']);
    const task = all.items.find((x) => x.contentId === c1)!;
    expect(task).toMatchObject({ status: 'done', attempts: 1, hasPromptOverride: false, siteId: a.siteId });
    expect(await getTask(t.db, scope, task.id)).toEqual(task);
    expect((await listTasks(t.db, scope, { status: 'queued' })).total).toBe(0);
    expect((await listTasks(t.db, scope, { ideaId: task.ideaId })).items.map((x) => x.id)).toEqual([task.id]);
    const err = await getTask(t.db, { accountId: b.accountId }, task.id).catch((e: unknown) => e);
    expect((err as Igny8Error).code).toBe('TASK_NOT_FOUND');
  });
});
