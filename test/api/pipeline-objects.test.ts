import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

/**
 * Ideas, tasks, images and content export over HTTP, on real objects: the sandbox pipeline (stages
 * 1–6) runs on a site of its own, so every row was made the way a user's run makes it.
 */
describe.each(DIALECTS)('ideas, tasks, images and export over HTTP on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  let viewer: string;
  let editor: string;
  let other: string;
  let siteId: string;
  const scope = () => ({ accountId: a.accountId });

  beforeAll(async () => {
    h = await startHarness(dialect, { bundledPrompts: true });
    a = await h.makeTenant('a');
    b = await h.makeTenant('b');
    // No OpenAI key: the engine falls back to the sandbox (the fixture's key would call the network).
    await h.core.providerKeys.remove(scope(), 'openai');
    await h.core.credits.grant(scope(), { opId: 'seed', amount: 10_000, pool: 'bonus' });
    const site = await h.core.tenancy.addSite(scope(), { name: 'Coffee' });
    const sector = await h.core.tenancy.addSector(scope(), site.id, { name: 'Brewing' });
    siteId = site.id;
    const words = [
      'cold brew',
      'cold brew ratio',
      'cold brew concentrate',
      'french press',
      'french press grind',
    ];
    await h.core.planner.importKeywords(
      { ...scope(), siteId, sectorId: sector.id },
      { bytes: Buffer.from(words.join('\n')), format: 'plain' },
    );
    const run = await h.core.automation.start(
      { ...scope(), siteId },
      { options: { stages: [1, 2, 3, 4, 5, 6], ideasPerCluster: 3, maxImages: 1 }, trigger: 'api' },
    );
    expect(run.status).toBe('completed');
    viewer = await h.token(a.users.viewer, a.accountId);
    editor = await h.token(a.users.editor, a.accountId);
    other = await h.token(b.users.owner, b.accountId);
  }, 120_000);
  afterAll(async () => h?.close());

  const count = async (table: 'ideas' | 'tasks' | 'images' | 'contents', where: Record<string, string>) => {
    let q = h.core.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
    for (const [k, v] of Object.entries(where)) q = q.where(k as never, '=', v as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  it('lists ideas newest first with their outline and keywords, filters and pages them', async () => {
    const all = await call(h.base, 'get', `/ideas?siteId=${siteId}&limit=500`, { token: viewer });
    expect(all.status).toBe(200);
    const total = await count('ideas', { site_id: siteId });
    expect(total).toBeGreaterThanOrEqual(3);
    expect(all.json.data.count).toBe(total);
    const ideas = all.json.data.results as any[];
    expect(ideas.map((i) => i.siteId)).toEqual(ideas.map(() => siteId));
    const created = ideas.map((i) => i.createdAt as string);
    expect(created).toEqual([...created].sort().reverse());
    for (const idea of ideas) {
      expect(idea.outline.sections.length).toBeGreaterThanOrEqual(6);
      expect(idea.outline.sections[0].heading.length).toBeGreaterThan(0);
      expect(idea.primaryKeywords.length).toBeGreaterThan(0);
      expect(idea.clusterName).toEqual(expect.any(String));
    }

    const clusterId = ideas[0].clusterId as string;
    const byCluster = await call(h.base, 'get', `/ideas?clusterId=${clusterId}`, { token: viewer });
    expect(byCluster.json.data.count).toBe(await count('ideas', { cluster_id: clusterId }));
    expect(byCluster.json.data.results.every((i: any) => i.clusterId === clusterId)).toBe(true);
    // Stage 3 queued every idea of this run.
    const queued = await call(h.base, 'get', `/ideas?siteId=${siteId}&status=queued`, { token: viewer });
    expect(queued.json.data.count).toBe(await count('ideas', { site_id: siteId, status: 'queued' }));
    const fresh = await call(h.base, 'get', `/ideas?siteId=${siteId}&status=new`, { token: viewer });
    expect(fresh.json.data.count + queued.json.data.count).toBe(total);

    const word = ideas[1].title.split(' ').find((w: string) => w.length > 4) as string;
    const found = await call(h.base, 'get', `/ideas?siteId=${siteId}&search=${encodeURIComponent(word)}`, {
      token: viewer,
    });
    expect(found.json.data.results.length).toBeGreaterThan(0);
    for (const i of found.json.data.results)
      expect(`${i.title} ${i.brief ?? ''}`.toLowerCase()).toContain(word.toLowerCase());

    const p1 = await call(h.base, 'get', `/ideas?siteId=${siteId}&limit=2`, { token: viewer });
    expect(p1.json.data.results).toHaveLength(2);
    expect(p1.json.data.next).toBe(`/api/v1/ideas?siteId=${siteId}&limit=2&offset=2`);
    const p2 = await call(h.base, 'get', p1.json.data.next, { token: viewer });
    expect(p2.json.data.results[0].id).toBe(ideas[2].id);
    expect(p2.json.data.previous).toBe(`/api/v1/ideas?siteId=${siteId}&limit=2&offset=0`);

    const one = await call(h.base, 'get', `/ideas/${ideas[0].id}`, { token: viewer });
    expect(one.json.data).toEqual(ideas[0]);
  });

  it("refuses another account's ideas and tasks with 404 and never lists them", async () => {
    const idea = await call(h.base, 'get', `/ideas/${a.ideaId}`, { token: other });
    expect([idea.status, idea.json.code]).toEqual([404, 'IDEA_NOT_FOUND']);
    const task = await call(h.base, 'get', `/tasks/${a.taskId}`, { token: other });
    expect([task.status, task.json.code]).toEqual([404, 'TASK_NOT_FOUND']);
    for (const path of [`/ideas?siteId=${siteId}`, `/tasks?siteId=${siteId}`, `/images?siteId=${siteId}`]) {
      const res = await call(h.base, 'get', path, { token: other });
      // Another account's siteId in a query is refused like one in a path (issue 13).
      expect([res.status, res.json.code], path).toEqual([404, 'SITE_NOT_FOUND']);
    }
    const own = await call(h.base, 'get', '/ideas', { token: other });
    expect(own.json.data.results.map((i: any) => i.id)).toEqual([b.ideaId]);
  });

  it("lists tasks with their idea's title and article, by status", async () => {
    const res = await call(h.base, 'get', `/tasks?siteId=${siteId}&limit=500`, { token: viewer });
    expect(res.status).toBe(200);
    expect(res.json.data.count).toBe(await count('tasks', { site_id: siteId }));
    const tasks = res.json.data.results as any[];
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks) {
      const idea = await call(h.base, 'get', `/ideas/${t.ideaId}`, { token: viewer });
      expect(t.title).toBe(idea.json.data.title);
      expect(t.status).toBe('done');
      expect(t.contentId).toEqual(expect.any(String));
    }
    const done = await call(h.base, 'get', `/tasks?siteId=${siteId}&status=done`, { token: viewer });
    expect(done.json.data.count).toBe(tasks.length);
    const queued = await call(h.base, 'get', `/tasks?siteId=${siteId}&status=queued`, { token: viewer });
    expect(queued.json.data.count).toBe(0);
    const one = await call(h.base, 'get', `/tasks/${tasks[0].id}`, { token: viewer });
    expect(one.json.data).toEqual(tasks[0]);
    const article = await call(h.base, 'get', `/content/${tasks[0].contentId}`, { token: viewer });
    expect(article.json.data.taskId).toBe(tasks[0].id);
  });

  it('lists the image gallery with prompts, sizes and article titles, by role, status and article', async () => {
    const res = await call(h.base, 'get', `/images?siteId=${siteId}&limit=500`, { token: viewer });
    expect(res.status).toBe(200);
    const images = res.json.data.results as any[];
    expect(res.json.data.count).toBe(await count('images', { site_id: siteId }));
    expect(images.length).toBe(2 * (await count('contents', { site_id: siteId })));
    for (const img of images) {
      expect(img).toMatchObject({ siteId, status: 'done', mime: 'image/png' });
      expect(img.prompt.length).toBeGreaterThan(3);
      expect(img.width).toBeGreaterThan(0);
      expect(img.sizeBytes).toBeGreaterThan(0);
      expect(img.contentTitle).toEqual(expect.any(String));
      expect(img).not.toHaveProperty('filePath');
    }
    const featured = await call(h.base, 'get', `/images?siteId=${siteId}&role=featured&limit=500`, {
      token: viewer,
    });
    expect(featured.json.data.results.every((i: any) => i.role === 'featured')).toBe(true);
    expect(featured.json.data.count).toBe(images.filter((i) => i.role === 'featured').length);
    const contentId = images[0].contentId as string;
    const ofArticle = await call(h.base, 'get', `/images?contentId=${contentId}`, { token: viewer });
    expect(ofArticle.json.data.results.map((i: any) => i.contentId)).toEqual([contentId, contentId]);
    expect(ofArticle.json.data.results.map((i: any) => i.role)).toEqual(['featured', 'inline']);
    const failed = await call(h.base, 'get', `/images?siteId=${siteId}&status=failed`, { token: viewer });
    expect(failed.json.data.count).toBe(0);

    const one = await call(h.base, 'get', `/images/${images[0].id}`, { token: viewer });
    expect(one.json.data).toEqual(images[0]);
    const file = await call(h.base, 'get', `/images/${images[0].id}/file`, { token: viewer });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(
      await (
        await fetch(`${h.base}/api/v1/images/${images[0].id}/file`, {
          headers: { authorization: `Bearer ${viewer}` },
        })
      ).arrayBuffer(),
    );
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(images[0].sha256);
  });

  it("refuses another account's image, its file and its regeneration with 404", async () => {
    for (const [method, path] of [
      ['get', `/images/${a.imageId}`],
      ['get', `/images/${a.imageId}/file`],
      ['post', `/images/${a.imageId}/regenerate`],
    ] as const) {
      const res = await call(h.base, method, path, {
        token: other,
        body: method === 'post' ? {} : undefined,
      });
      expect([res.status, res.json?.code], path).toEqual([404, 'IMAGE_NOT_FOUND']);
      expect(res.text).not.toContain(a.marker);
    }
  });

  it('regenerates an image: editor only, metered, a new file when the prompt changes', async () => {
    const [img] = (
      await call(h.base, 'get', `/images?siteId=${siteId}&role=inline&limit=1`, { token: viewer })
    ).json.data.results;
    const refused = await call(h.base, 'post', `/images/${img.id}/regenerate`, { token: viewer, body: {} });
    expect([refused.status, refused.json.code]).toEqual([403, 'FORBIDDEN']);

    const before = (await h.core.credits.balance(scope())).available;
    const usageBefore = (await h.core.credits.usage(scope(), { limit: 500 })).total;
    const prompt = 'A flat lay of coffee beans beside a glass of cold brew, morning light';
    const res = await call(h.base, 'post', `/images/${img.id}/regenerate`, {
      token: editor,
      body: { prompt },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({ id: img.id, status: 'done', prompt, error: null });
    expect(res.json.data.sha256).not.toBe(img.sha256);
    expect(res.json.data.updatedAt > img.updatedAt).toBe(true);
    const charged = before - (await h.core.credits.balance(scope())).available;
    expect(charged).toBeGreaterThan(0);
    const usage = await h.core.credits.usage(scope(), { limit: 500 });
    expect(usage.total).toBe(usageBefore + 1);
    expect(
      usage.items.find((u: any) => u.operation === 'generate_images' && u.credits === charged),
    ).toBeDefined();
    // The file route serves the new drawing.
    const bytes = Buffer.from(
      await (
        await fetch(`${h.base}/api/v1/images/${img.id}/file`, {
          headers: { authorization: `Bearer ${editor}` },
        })
      ).arrayBuffer(),
    );
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(res.json.data.sha256);

    // Again with the same prompt: charged again (its own operation), drawn again.
    const again = await call(h.base, 'post', `/images/${img.id}/regenerate`, { token: editor, body: {} });
    expect(again.json.data.prompt).toBe(prompt);
    expect(again.json.data.updatedAt > res.json.data.updatedAt).toBe(true);
    expect(before - (await h.core.credits.balance(scope())).available).toBe(2 * charged);
  });

  it('keeps the good file when a regeneration cannot be paid for', async () => {
    const [img] = (
      await call(h.base, 'get', `/images?siteId=${siteId}&role=featured&limit=1`, { token: viewer })
    ).json.data.results;
    const { available } = await h.core.credits.balance(scope());
    await h.core.credits.charge(scope(), { opId: 'drain', amount: available, operation: 'test' });
    const res = await call(h.base, 'post', `/images/${img.id}/regenerate`, {
      token: editor,
      body: { prompt: 'Something else entirely, never drawn' },
    });
    expect([res.status, res.json.code]).toEqual([402, 'INSUFFICIENT_CREDITS']);
    const now = (await call(h.base, 'get', `/images/${img.id}`, { token: viewer })).json.data;
    expect(now).toMatchObject({ status: 'done', sha256: img.sha256, prompt: img.prompt });
    expect(now.error).toMatch(/^Regeneration failed/);
    expect((await call(h.base, 'get', `/images/${img.id}/file`, { token: viewer })).status).toBe(200);
    await h.core.credits.grant(scope(), { opId: 'refill', amount: 1_000, pool: 'bonus' });
  });

  it('exports one article as Markdown or HTML with front matter and API image links', async () => {
    const [img] = (
      await call(h.base, 'get', `/images?siteId=${siteId}&role=featured&limit=1`, { token: viewer })
    ).json.data.results;
    const article = (await call(h.base, 'get', `/content/${img.contentId}`, { token: viewer })).json.data;
    const md = await call(h.base, 'get', `/content/${article.id}/export?format=md`, { token: viewer });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe(`inline; filename="${article.slug}.md"`);
    const fm = md.text.split('\n---\n')[0]!;
    expect(fm.startsWith('---\n')).toBe(true);
    expect(fm).toContain(`slug: ${article.slug}`);
    expect(fm).toContain(`featured_image: /api/v1/images/${img.id}/file`);
    expect(fm).toContain('generator: igny8 (sandbox provider)');
    expect(md.text).toContain(`# ${article.title}`);
    const inline = article.images.find((i: any) => i.role === 'inline');
    expect(md.text).toContain(`](/api/v1/images/${inline.id}/file)`);
    // The links it carries work for a member.
    expect((await call(h.base, 'get', `/images/${inline.id}/file`, { token: viewer })).status).toBe(200);

    const html = await call(h.base, 'get', `/content/${article.id}/export?format=html`, { token: viewer });
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(html.text.startsWith('<!--\n')).toBe(true);
    expect(html.text).toContain(`slug: ${article.slug}`);
    expect(html.text).toContain(`<img src="/api/v1/images/${img.id}/file"`);
    const defaulted = await call(h.base, 'get', `/content/${article.id}/export`, { token: viewer });
    expect(defaulted.text).toBe(md.text);
    const bad = await call(h.base, 'get', `/content/${article.id}/export?format=pdf`, { token: viewer });
    expect([bad.status, bad.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    const foreign = await call(h.base, 'get', `/content/${a.contentId}/export`, { token: other });
    expect([foreign.status, foreign.json.code]).toEqual([404, 'CONTENT_NOT_FOUND']);
  });

  it('exports a batch as JSON files: by status, by ids, approved by default', async () => {
    const drafts = await call(h.base, 'get', `/content?siteId=${siteId}&status=draft`, { token: viewer });
    expect(drafts.json.data.count).toBeGreaterThan(1);
    const batch = await call(h.base, 'post', '/content/export', {
      token: viewer,
      body: { format: 'md', status: 'draft', siteId },
    });
    expect(batch.status).toBe(200);
    const files = batch.json.data.files as any[];
    expect(files.map((f) => f.contentId).sort()).toEqual(
      drafts.json.data.results.map((c: any) => c.id).sort(),
    );
    for (const f of files) {
      expect(f.filename).toBe(`${f.slug}.md`);
      expect(f.body.startsWith(`---\ntitle: `)).toBe(true);
      const single = await call(h.base, 'get', `/content/${f.contentId}/export`, { token: viewer });
      expect(f.body).toBe(single.text);
    }

    const first = files[0].contentId as string;
    const byIds = await call(h.base, 'post', '/content/export', {
      token: viewer,
      body: { format: 'html', ids: [first, first] },
    });
    expect(byIds.json.data.files.map((f: any) => [f.contentId, f.filename.endsWith('.html')])).toEqual([
      [first, true],
    ]);
    const none = await call(h.base, 'post', '/content/export', { token: viewer, body: { format: 'md' } });
    expect(none.json.data.files).toEqual([]);
    await call(h.base, 'post', `/content/${first}/approve`, { token: editor, body: {} });
    const approved = await call(h.base, 'post', '/content/export', { token: viewer, body: { format: 'md' } });
    expect(approved.json.data.files.map((f: any) => f.contentId)).toEqual([first]);
    expect(approved.json.data.files[0].body).toContain('status: approved');

    const foreign = await call(h.base, 'post', '/content/export', {
      token: other,
      body: { format: 'md', ids: [first] },
    });
    expect([foreign.status, foreign.json.code]).toEqual([404, 'CONTENT_NOT_FOUND']);
    expect(foreign.text).not.toContain('title:');
  });
});
