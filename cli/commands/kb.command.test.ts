import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, type Project } from '../../test/helpers/project.js';
import { runCli } from '../../test/helpers/run-cli.js';
import { pagesPdf } from '../../test/helpers/tiny-pdf.js';

const FIX = path.resolve(import.meta.dirname, '../../test/fixtures/kb');

/** `igny8 kb …` through the real CLI on a fresh SQLite workspace. */
describe('igny8 kb', () => {
  let p: Project;
  beforeAll(async () => {
    p = await createProject();
  }, 120_000);
  afterAll(() => fs.rmSync(p.dir, { recursive: true, force: true }));

  it('adds a file and stdin, lists, shows, searches and removes, with --json everywhere', async () => {
    const md = await p.json(['kb', 'add', path.join(FIX, 'cold-brew.md')]);
    expect(md).toMatchObject({
      created: true,
      source: { format: 'markdown', title: 'Cold Brew Coffee Basics' },
    });
    const piped = await runCli(
      ['kb', 'add', '-', '--title', 'Cafe notes', '--url', 'https://cafe.example/notes', '--json'],
      {
        cwd: p.dir,
        env: { IGNY8_MASTER_KEY: 'test-master-key-0123456789' },
        input: 'Our house espresso blend is pulled at 93 degrees for 28 seconds.\n',
      },
    );
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({
      source: { origin: 'stdin', title: 'Cafe notes', url: 'https://cafe.example/notes', format: 'text' },
    });
    const again = await p.cli(['kb', 'add', path.join(FIX, 'cold-brew.md')]);
    expect(again.stdout).toMatch(/Already in the knowledge base/);

    const list = await p.json(['kb', 'list']);
    expect(list.total).toBe(2);
    const shown = await p.json(['kb', 'show', md.source.id]);
    expect(shown.passages.length).toBe(md.source.passageCount);
    const hits = await p.json(['kb', 'search', 'espresso pulled degrees']);
    expect(hits.items[0]).toMatchObject({ sourceTitle: 'Cafe notes' });
    const human = await p.cli(['kb', 'search', 'cold brew steeping']);
    expect(human.stdout).toMatch(/Cold Brew Coffee Basics/);

    const removed = await p.json(['kb', 'remove', md.source.id]);
    expect(removed.removed.id).toBe(md.source.id);
    expect((await p.json(['kb', 'list'])).total).toBe(1);
  }, 120_000);

  it('exits 2 with a stable code for bad input and 3 for an unknown source', async () => {
    const bin = path.join(p.dir, 'blob.md');
    fs.writeFileSync(bin, Buffer.from([0, 1, 2, 0, 9]));
    const r = await p.cli(['kb', 'add', bin, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toMatch(/KB_SOURCE_UNREADABLE/);
    const fmt = await p.cli(['kb', 'add', bin, '--format', 'rtf']);
    expect(fmt.code).toBe(2);
    const missing = await p.cli(['kb', 'show', 'no-such-id']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/not found/);
  }, 120_000);

  it('reads PDF and DOCX in a worker (the source or the build) and stops one past kb.parseTimeoutMs', async () => {
    const before = (await p.json(['kb', 'list'])).total;
    const docx = await p.json(['kb', 'add', path.join(FIX, 'espresso-care.docx')]);
    expect(docx.source).toMatchObject({ format: 'docx', title: 'Espresso Machine Care' });
    const pdfPath = path.join(p.dir, 'two-pages.pdf');
    fs.writeFileSync(pdfPath, pagesPdf(2, 3));
    const pdf = await p.json(['kb', 'add', pdfPath]);
    expect(pdf.source).toMatchObject({ format: 'pdf', passageCount: 1 });
    const shown = await p.json(['kb', 'show', pdf.source.id]);
    expect(shown.passages[0].text).toMatch(/^Page 0 line 0: [\s\S]*Page 1 line 2: coffee beans roasted/);

    const slowPath = path.join(p.dir, 'slow.pdf');
    fs.writeFileSync(slowPath, pagesPdf(2000, 50));
    const slow = await p.cli(['kb', 'add', slowPath, '--json'], { IGNY8_KB_PARSE_TIMEOUT_MS: '500' });
    expect(slow.code).toBe(2);
    expect(slow.stderr + slow.stdout).toMatch(/KB_PARSE_TIMEOUT/);
    expect(slow.stderr + slow.stdout).toMatch(/longer than 0\.5 s/);
    expect((await p.json(['kb', 'list'])).total).toBe(before + 2);
  }, 120_000);

  it('content show lists the cited sources and the sentences that cite them', async () => {
    await p.json([
      'kb',
      'add',
      path.join(FIX, 'cold-brew.md'),
      '--url',
      'https://docs.example.com/cold-brew',
    ]);
    await p.json(['kb', 'add', path.join(FIX, 'grinder-guide.html')]);
    const imp = await p.json([
      'keywords',
      'import',
      path.resolve(import.meta.dirname, '../../test/fixtures/keywords/semrush-coffee.csv'),
    ]);
    expect(imp.imported).toBe(80);
    const run = await p.cli(['run', '--stages', '1-4', '--max-items', '2']);
    expect(run.code, run.stderr).toBe(0);
    const list = await p.json(['content', 'list']);
    const shown = await Promise.all(list.items.map((c: { id: string }) => p.cli(['content', 'show', c.id])));
    const grounded = shown.filter((r) => /grounding: \d+ source\(s\) cited/.test(r.stdout));
    expect(grounded.length, shown.map((r) => r.stdout.slice(-600)).join('\n---\n')).toBeGreaterThan(0);
    for (const r of grounded) {
      expect(r.stdout).toMatch(
        /\n {2}\[1\] (Cold Brew Coffee Basics — https:\/\/docs\.example\.com\/cold-brew|Burr Grinder Guide)/,
      );
      expect(r.stdout).toMatch(/\n {6}“.+\[1(, \d+)*\]\.?”/);
    }
    const json = await p.json(['content', 'show', list.items[0].id]);
    expect(json.grounding.status).toMatch(/^(grounded|ungrounded)$/);
  }, 300_000);
});
