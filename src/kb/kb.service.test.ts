import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { tinyPdf } from '../../test/helpers/tiny-pdf.js';
import { isSqlite } from '../db/index.js';
import { createKbService, type KbService } from './kb.service.js';

const FIX = path.resolve(import.meta.dirname, '../../test/fixtures/kb');

// A loopback web server standing in for the pages `kb add URL` fetches.
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(fs.readFileSync(path.join(FIX, 'grinder-guide.html')));
    } else if (req.url === '/to-private') {
      res.writeHead(302, { location: 'http://127.0.0.1:9/admin' });
      res.end();
    } else if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('word '.repeat(50_000));
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 3000).unref();
    } else {
      res.writeHead(404);
      res.end('no');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe.each(DIALECTS)('knowledge base on %s', (dialect) => {
  let t: TestDb;
  let a: SeededTenant;
  let kb: KbService;
  afterEach(async () => t?.close());

  async function setup(opts: Partial<Parameters<typeof createKbService>[0]> = {}) {
    t = await createTestDb(dialect);
    a = await seedTenant(t.db, 'a');
    kb = createKbService({ db: t.db, urlGuard: { allowPrivate: true }, ...opts });
    return { accountId: a.accountId, siteId: a.siteId };
  }

  async function counts() {
    const n = async (table: 'kb_sources' | 'kb_passages') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const fts = isSqlite(t.db)
      ? Number((await sql<{ n: number }>`select count(*) as n from kb_passages_fts`.execute(t.db)).rows[0]!.n)
      : null;
    return { sources: await n('kb_sources'), passages: await n('kb_passages'), fts };
  }

  it('adds Markdown, text, HTML, PDF and DOCX, splits them into passages and finds them by search', async () => {
    const scope = await setup();
    const md = await kb.add(scope, { kind: 'file', path: path.join(FIX, 'cold-brew.md') });
    expect(md).toMatchObject({
      created: true,
      source: { format: 'markdown', title: 'Cold Brew Coffee Basics', origin: 'file' },
    });
    const txt = await kb.add(scope, { kind: 'file', path: path.join(FIX, 'water-notes.txt') });
    expect(txt.source.format).toBe('text');
    const html = await kb.add(scope, { kind: 'file', path: path.join(FIX, 'grinder-guide.html') });
    expect(html.source).toMatchObject({ format: 'html', title: 'Burr Grinder Guide | Example Coffee' });
    const docx = await kb.add(scope, { kind: 'file', path: path.join(FIX, 'espresso-care.docx') });
    expect(docx.source).toMatchObject({ format: 'docx', title: 'Espresso Machine Care' });
    const pdf = await kb.add(scope, {
      kind: 'bytes',
      bytes: tinyPdf(['Pour over coffee needs a gooseneck kettle for a steady pour.'], 'Pour Over Notes'),
      fileName: 'pour-over.pdf',
    });
    expect(pdf.source).toMatchObject({ format: 'pdf', title: 'Pour Over Notes', passageCount: 1 });

    // Main content only: the page's navigation and footer are not in the knowledge base.
    const shown = await kb.show(scope, html.source.id);
    expect(shown.passages.map((p) => p.text).join(' ')).toContain('abrasive surfaces');
    expect(shown.passages.map((p) => p.text).join(' ')).not.toMatch(/newsletter/i);
    expect(shown.passages.find((p) => /stale oils/.test(p.text))?.heading).toBe('Conical or flat burrs');

    // Text in UTF-16 and in Windows-1252 (a legacy export) reads as the same words.
    const utf16 = await kb.add(scope, {
      kind: 'bytes',
      fileName: 'tamping.txt',
      bytes: Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('Tamp with 15 kilograms of pressure.', 'utf16le'),
      ]),
    });
    expect((await kb.show(scope, utf16.source.id)).passages[0]!.text).toBe(
      'Tamp with 15 kilograms of pressure.',
    );
    const cp1252 = await kb.add(scope, {
      kind: 'bytes',
      fileName: 'cafe.txt',
      bytes: Buffer.from(
        'Caf\xe9 cr\xe8me is a long espresso served in Switzerland, brewed for about forty seconds with a coarser grind than a normal shot.',
        'latin1',
      ),
    });
    expect((await kb.show(scope, cp1252.source.id)).passages[0]!.text).toMatch(/^Café crème is/);

    const hits = await kb.search(scope, 'descaling the espresso machine');
    expect(hits[0]).toMatchObject({ sourceId: docx.source.id, sourceTitle: 'Espresso Machine Care' });
    expect((await kb.search(scope, 'gooseneck kettle'))[0]?.sourceId).toBe(pdf.source.id);
    expect((await kb.list(scope)).total).toBe(7);
  });

  it('ranks the passage about the query first and stems words (brewing finds brew)', async () => {
    const scope = await setup();
    await kb.add(scope, {
      kind: 'bytes',
      fileName: 'a.md',
      bytes: Buffer.from(
        '# Tea\n\nGreen tea steeps at 80 degrees.\n\n# Grinders\n\nA burr grinder gives an even grind for brewing coffee. Burr grinder burrs need cleaning.\n\n# Milk\n\nSteam milk for a latte; coffee is optional here.',
      ),
    });
    const hits = await kb.search(scope, 'burr grinder coffee brew');
    expect(hits[0]?.heading).toBe('Grinders');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]?.score ?? -Infinity);
    expect(hits.some((h) => h.heading === 'Tea')).toBe(false);
  });

  it('keeps each site and account to its own knowledge base, and the same bytes are one source', async () => {
    const scope = await setup();
    const b = await seedTenant(t.db, 'b');
    const first = await kb.add(scope, { kind: 'file', path: path.join(FIX, 'cold-brew.md') });
    const again = await kb.add(scope, { kind: 'file', path: path.join(FIX, 'cold-brew.md') });
    expect(again).toMatchObject({ created: false, source: { id: first.source.id } });
    expect(await kb.search({ accountId: b.accountId, siteId: b.siteId }, 'cold brew')).toEqual([]);
    await expect(kb.show({ accountId: b.accountId }, first.source.id)).rejects.toMatchObject({
      code: 'KB_SOURCE_NOT_FOUND',
    });
    await expect(kb.remove({ accountId: b.accountId }, first.source.id)).rejects.toMatchObject({
      code: 'KB_SOURCE_NOT_FOUND',
    });
    await kb.remove(scope, first.source.id);
    expect(await counts()).toMatchObject({ sources: 0, passages: 0 });
    if (isSqlite(t.db)) expect((await counts()).fts).toBe(0);
    expect(await kb.search(scope, 'cold brew')).toEqual([]);
  });

  it('refuses bad input with a clear code and indexes nothing', async () => {
    const scope = await setup({ maxBytes: 64 * 1024, fetchTimeoutMs: 500 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-kb-'));
    const huge = path.join(dir, 'huge.txt');
    fs.writeFileSync(huge, 'coffee '.repeat(20_000));
    await expect(kb.add(scope, { kind: 'file', path: huge })).rejects.toMatchObject({
      code: 'KB_SOURCE_TOO_LARGE',
    });
    const bin = path.join(dir, 'blob.txt');
    fs.writeFileSync(bin, Buffer.from([1, 2, 0, 3, 0, 0, 255]));
    await expect(kb.add(scope, { kind: 'file', path: bin })).rejects.toMatchObject({
      code: 'KB_SOURCE_UNREADABLE',
    });
    const unknownBinary = path.join(dir, 'blob');
    fs.writeFileSync(unknownBinary, Buffer.from([0, 1, 2, 3]));
    await expect(kb.add(scope, { kind: 'file', path: unknownBinary })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
    });
    const broken = path.join(dir, 'broken.pdf');
    fs.writeFileSync(broken, tinyPdf(['Half a file']).subarray(0, 120));
    await expect(kb.add(scope, { kind: 'file', path: broken })).rejects.toMatchObject({
      code: 'KB_SOURCE_UNREADABLE',
    });
    const notDocx = path.join(dir, 'fake.docx');
    fs.writeFileSync(notDocx, Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(40, 7)]));
    await expect(kb.add(scope, { kind: 'file', path: notDocx })).rejects.toMatchObject({
      code: 'KB_SOURCE_UNREADABLE',
    });
    // A DOCX whose directory declares 4 GiB of XML is refused before anything is inflated.
    const bomb = Buffer.from(fs.readFileSync(path.join(FIX, 'espresso-care.docx')));
    for (let i = bomb.length - 22; i >= 0; i--)
      if (bomb.readUInt32LE(i) === 0x06054b50) {
        bomb.writeUInt32LE(0xfffffff0, bomb.readUInt32LE(i + 16) + 24);
        break;
      }
    await expect(kb.add(scope, { kind: 'bytes', bytes: bomb, fileName: 'bomb.docx' })).rejects.toMatchObject({
      code: 'KB_SOURCE_TOO_LARGE',
    });
    await expect(kb.add(scope, { kind: 'bytes', bytes: Buffer.from('  \n\n ') })).rejects.toMatchObject({
      code: 'KB_SOURCE_UNREADABLE',
    });
    await expect(kb.add(scope, { kind: 'file', path: path.join(dir, 'missing.md') })).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    // Pages: too large, too slow, an error status.
    await expect(kb.add(scope, { kind: 'url', url: `${base}/huge` })).rejects.toMatchObject({
      code: 'KB_SOURCE_TOO_LARGE',
    });
    await expect(kb.add(scope, { kind: 'url', url: `${base}/slow` })).rejects.toMatchObject({
      code: 'KB_FETCH_FAILED',
      message: expect.stringMatching(/within/),
    });
    await expect(kb.add(scope, { kind: 'url', url: `${base}/nope` })).rejects.toMatchObject({
      code: 'KB_FETCH_FAILED',
      message: expect.stringMatching(/404/),
    });
    expect(await counts()).toMatchObject({ sources: 0, passages: 0 });
  });

  it('fetches a page once with its main content, and refuses private addresses and redirects to them', async () => {
    const scope = await setup();
    const page = await kb.add(scope, { kind: 'url', url: `${base}/article` });
    expect(page.source).toMatchObject({ origin: 'url', format: 'html', url: `${base}/article` });

    // Server mode: the page's host "resolves" to a public address, but it redirects to loopback.
    const guarded = createKbService({
      db: t.db,
      urlGuard: { allowPrivate: false },
      lookup: async () => [{ address: '93.184.216.34', family: 4 }],
      fetch: (input, init) => {
        const u = new URL(String(input));
        if (u.hostname === 'docs.example') return fetch(`${base}${u.pathname}`, init);
        return fetch(u, init);
      },
    });
    await expect(
      guarded.add(scope, { kind: 'url', url: 'http://docs.example/to-private' }),
    ).rejects.toMatchObject({
      code: 'URL_NOT_ALLOWED',
    });
    await expect(guarded.add(scope, { kind: 'url', url: `${base}/article` })).rejects.toMatchObject({
      code: 'URL_NOT_ALLOWED',
    });
    await expect(guarded.add(scope, { kind: 'url', url: 'file:///etc/passwd' })).rejects.toMatchObject({
      code: 'URL_NOT_ALLOWED',
    });
    expect((await counts()).sources).toBe(1);
  });

  it('indexes a source in one transaction: a failure part-way leaves nothing', async () => {
    const scope = await setup();
    // The database refuses one passage of the last insert batch (of three).
    if (isSqlite(t.db))
      await sql`create trigger kb_poison before insert on kb_passages when new.text like '%POISON%'
        begin select raise(abort, 'poisoned passage'); end`.execute(t.db);
    else {
      await sql`create function kb_poison() returns trigger language plpgsql as $$
        begin if new.text like '%POISON%' then raise exception 'poisoned passage'; end if; return new; end $$`.execute(
        t.db,
      );
      await sql`create trigger kb_poison before insert on kb_passages for each row execute function kb_poison()`.execute(
        t.db,
      );
    }
    const parts = Array.from(
      { length: 450 },
      (_, i) => `# Part ${i}\n\nParagraph ${i} about coffee beans and water.`,
    );
    parts[440] = '# Part 440\n\nPOISON';
    await expect(
      kb.add(scope, { kind: 'bytes', bytes: Buffer.from(parts.join('\n\n')), fileName: 'parts.md' }),
    ).rejects.toThrow(/poisoned/);
    expect(await counts()).toMatchObject({ sources: 0, passages: 0 });
    if (isSqlite(t.db)) expect((await counts()).fts).toBe(0);
  });
});
