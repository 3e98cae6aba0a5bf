import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../helpers/tiny-pdf.js';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('knowledge-base routes on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    b = await h.makeTenant('b');
  });
  afterAll(async () => h?.close());

  it('adds text and PDF sources, lists, shows, searches and removes them; other accounts see nothing', async () => {
    const editor = await h.token(a.users.editor, a.accountId);
    const md = await call(h.base, 'post', `/sites/${a.siteId}/kb/sources`, {
      token: editor,
      body: {
        content: '# Grinders\n\nA burr grinder gives an even grind for espresso.',
        fileName: 'grinders.md',
        sourceUrl: 'https://docs.example.com/grinders',
      },
    });
    expect(md.status).toBe(201);
    expect(md.json.data).toMatchObject({
      created: true,
      source: { format: 'markdown', title: 'Grinders', url: 'https://docs.example.com/grinders' },
    });
    const pdf = await call(h.base, 'post', `/sites/${a.siteId}/kb/sources`, {
      token: editor,
      body: {
        contentBase64: tinyPdf(['Descale the kettle monthly with citric acid.'], 'Kettle care').toString(
          'base64',
        ),
        fileName: 'kettle.pdf',
      },
    });
    expect(pdf.status).toBe(201);
    expect(pdf.json.data.source).toMatchObject({ format: 'pdf', title: 'Kettle care' });

    const list = await call(h.base, 'get', `/sites/${a.siteId}/kb/sources`, { token: editor });
    expect(list.json.data.count).toBe(3); // with the harness's own notes
    const hits = await call(h.base, 'get', `/sites/${a.siteId}/kb/search?q=descale%20kettle`, {
      token: editor,
    });
    expect(hits.status).toBe(200);
    expect(hits.json.data.items[0]).toMatchObject({ sourceTitle: 'Kettle care' });
    const shown = await call(h.base, 'get', `/kb/sources/${md.json.data.source.id}`, { token: editor });
    expect(shown.json.data.passages[0]).toMatchObject({
      heading: 'Grinders',
      text: expect.stringContaining('burr grinder'),
    });

    const other = await h.token(b.users.owner, b.accountId);
    expect(
      (await call(h.base, 'get', `/kb/sources/${md.json.data.source.id}`, { token: other })).status,
    ).toBe(404);
    expect(
      (await call(h.base, 'delete', `/kb/sources/${md.json.data.source.id}`, { token: other })).status,
    ).toBe(404);
    expect(
      (await call(h.base, 'get', `/sites/${a.siteId}/kb/search?q=grinder`, { token: other })).status,
    ).toBe(404);

    const viewer = await h.token(a.users.viewer, a.accountId);
    const denied = await call(h.base, 'post', `/sites/${a.siteId}/kb/sources`, {
      token: viewer,
      body: { content: 'x y z' },
    });
    expect(denied.status).toBe(403);

    const del = await call(h.base, 'delete', `/kb/sources/${md.json.data.source.id}`, { token: editor });
    expect(del.status).toBe(200);
    expect(
      (await call(h.base, 'get', `/kb/sources/${md.json.data.source.id}`, { token: editor })).status,
    ).toBe(404);
  });

  it('refuses bad input with a stable code: unreachable pages, two bodies, binary, broken PDFs', async () => {
    const editor = await h.token(a.users.editor, a.accountId);
    const post = (body: unknown) =>
      call(h.base, 'post', `/sites/${a.siteId}/kb/sources`, { token: editor, body });
    // This harness allows private addresses (server.allowPrivateUrls); outbound-guard.test.ts refuses them.
    const down = await post({ url: 'http://127.0.0.1:9/nothing-listens' });
    expect([down.status, down.json.code]).toEqual([502, 'KB_FETCH_FAILED']);
    const both = await post({ url: 'https://example.com/', content: 'text' });
    expect(both.status).toBe(400);
    expect(both.json.code).toBe('VALIDATION_FAILED');
    const bin = await post({
      contentBase64: Buffer.from([0, 1, 2, 0]).toString('base64'),
      fileName: 'x.txt',
    });
    expect(bin.json.code).toBe('KB_SOURCE_UNREADABLE');
    const broken = await post({
      contentBase64: tinyPdf(['x']).subarray(0, 100).toString('base64'),
      fileName: 'x.pdf',
    });
    expect(broken.status).toBe(400);
    expect(broken.json.code).toBe('KB_SOURCE_UNREADABLE');
  });
});
