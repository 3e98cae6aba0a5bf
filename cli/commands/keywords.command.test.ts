import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { FIXTURES, fixtureKeywords, fixturePath } from '../../test/planner/keyword-fixtures.js';

/** Each CLI call starts a process through tsx: slow on a busy machine. */
const CLI_TEST_MS = 300_000;

describe.each(DIALECTS)('igny8 keywords on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function project() {
    t = await createTestDb(dialect);
    await seedTenant(t.db);
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    const cli = (args: string[]) =>
      runCli(args, { cwd: t.dir, env: { IGNY8_DATABASE_URL: undefined, IGNY8_ACCOUNT: undefined } });
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('keywords')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { cli, count };
  }

  it(
    'imports every fixture format, prints counts, and is idempotent',
    async () => {
      const { cli, count } = await project();
      const stored = new Set<string>();
      for (const c of FIXTURES) {
        const kws = new Set(fixtureKeywords(c));
        const fresh = [...kws].filter((k) => !stored.has(k)).length;
        const r = await cli([
          'keywords',
          'import',
          fixturePath(c.file),
          '--site',
          'site-a',
          '--sector',
          'sector-a',
          '--json',
        ]);
        expect(r.code, r.stderr).toBe(0);
        const report = JSON.parse(r.stdout);
        expect(report).toMatchObject({
          format: c.format,
          encoding: c.encoding,
          rows: fixtureKeywords(c).length,
          imported: fresh,
        });
        expect(report.duplicatesExisting).toBe(kws.size - fresh);
        for (const k of kws) stored.add(k);
      }
      expect(await count()).toBe(stored.size);

      const human = await cli(['keywords', 'import', fixturePath('semrush-coffee.csv')]);
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).toMatch(
        /^imported 0 keyword\(s\) from semrush-coffee\.csv \(semrush, utf-8\): 80 rows, 80 duplicate\(s\), 0 rejected/,
      );
      expect(await count()).toBe(stored.size);
    },
    CLI_TEST_MS,
  );

  it(
    'shows rejected rows with line numbers, and refuses broken files with a line number and nothing written',
    async () => {
      const { cli, count } = await project();
      const mixed = path.join(t.dir, 'mixed.csv');
      fs.writeFileSync(mixed, 'Keyword,Volume,KD\nkettle,10,1\nbad,lots,1\nhard,5,300\n');
      const r = await cli(['keywords', 'import', mixed]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('line 3: volume is not a number: "lots"');
      expect(r.stdout).toContain('line 4: difficulty 300 is outside 0–100');
      expect(await count()).toBe(1);

      const cases: Array<[string, Buffer, RegExp]> = [
        [
          'garbage.bin',
          Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x90]),
          /line 1: the file contains binary data/,
        ],
        ['nokw.csv', Buffer.from('Term,Volume\na,1\n'), /line 1: no keyword column found/],
        // (A Latin-1 file is no longer refused: it is read as Windows-1252, see legacy-encoding.test.ts.)
        [
          'utf16.csv',
          Buffer.concat([
            Buffer.from([0xff, 0xfe]),
            Buffer.from('Keyword\nok\n', 'utf16le'),
            Buffer.from([0x00, 0xd8]), // a lone high surrogate
            Buffer.from('x\n', 'utf16le'),
          ]),
          /line 3: the file is not valid UTF-16LE text/,
        ],
        ['empty.csv', Buffer.alloc(0), /line 1: the file is empty/],
        ['header.csv', Buffer.from('Keyword,Volume\n'), /line 1: the file has a header but no keyword rows/],
      ];
      for (const [name, bytes, message] of cases) {
        fs.writeFileSync(path.join(t.dir, name), bytes);
        const bad = await cli(['keywords', 'import', name, '--json']);
        expect(bad.code).toBe(2);
        expect(JSON.parse(bad.stdout).error.message).toMatch(message);
        expect(bad.stderr).toMatch(/hint: /);
        expect(bad.stderr).not.toMatch(/\n\s+at /);
      }
      expect(await count()).toBe(1);
      const wrongFormat = await cli(['keywords', 'import', mixed, '--format', 'excel']);
      expect(wrongFormat.code).toBe(2);
      expect(wrongFormat.stderr).toMatch(/format/);
    },
    CLI_TEST_MS,
  );

  it(
    'lists with filters, and excludes, restores and deletes by id',
    async () => {
      const { cli } = await project();
      await cli(['keywords', 'import', fixturePath('semrush-coffee.csv')]);
      const list = JSON.parse(
        (
          await cli([
            'keywords',
            'list',
            '--site',
            'site-a',
            '--search',
            'french press',
            '--sort',
            'keyword',
            '--json',
          ])
        ).stdout,
      );
      const expected = fixtureKeywords(FIXTURES[0]!)
        .filter((k) => k.includes('french press'))
        .sort();
      expect(list.items.map((k: { normalized: string }) => k.normalized)).toEqual(expected);
      expect(list.total).toBe(expected.length);
      const ids = list.items.slice(0, 2).map((k: { id: string }) => k.id);

      const ex = await cli(['keywords', 'exclude', ...ids]);
      expect(ex.stdout).toMatch(/exclude: 2 of 2 keyword\(s\) changed/);
      const excluded = JSON.parse((await cli(['keywords', 'list', '--status', 'excluded', '--json'])).stdout);
      expect(excluded.items.map((k: { id: string }) => k.id).sort()).toEqual([...ids].sort());
      expect(JSON.parse((await cli(['keywords', 'restore', ids[0], '--json'])).stdout).affected).toBe(1);
      expect(JSON.parse((await cli(['keywords', 'delete', ids[1], '--json'])).stdout).affected).toBe(1);
      const missing = await cli(['keywords', 'delete', 'no-such-id']);
      expect(missing.code).toBe(3);
      expect(missing.stderr).toMatch(/KEYWORD_NOT_FOUND/);
      const human = await cli(['keywords', 'list', '--limit', '3']);
      expect(human.stdout).toMatch(/^ID\s+KEYWORD\s+VOLUME/);
      expect(human.stdout).toMatch(/3 of 79 keyword\(s\)/);
    },
    CLI_TEST_MS,
  );
});
