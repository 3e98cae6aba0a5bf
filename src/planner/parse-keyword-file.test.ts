import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIXTURES,
  fixtureDataLines,
  fixtureKeywords,
  fixturePath,
} from '../../test/planner/keyword-fixtures.js';
import { Igny8Error } from '../errors/index.js';
import { parseKeywordFile } from './parse-keyword-file.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const utf16le = (s: string, bom = true) =>
  Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

function fatal(bytes: Uint8Array, format?: 'auto' | 'plain' | 'semrush'): Igny8Error {
  try {
    parseKeywordFile(bytes, { format });
  } catch (err) {
    expect(err).toBeInstanceOf(Igny8Error);
    return err as Igny8Error;
  }
  throw new Error('expected the file to be refused');
}

describe('parseKeywordFile on the shared fixtures', () => {
  it.each(FIXTURES)('$file: detects $format / $encoding and reads every data row', (c) => {
    const r = parseKeywordFile(fs.readFileSync(fixturePath(c.file)));
    const lines = fixtureDataLines(c);
    const unique = new Set(fixtureKeywords(c));
    expect(r.format).toBe(c.format);
    expect(r.encoding).toBe(c.encoding);
    expect(r.rows).toBe(lines.length);
    expect(r.keywords).toHaveLength(unique.size);
    expect(r.duplicatesInFile).toBe(lines.length - unique.size);
    expect(r.rejectedCount).toBe(0);
    expect(new Set(r.keywords.map((k) => k.normalized))).toEqual(unique);
    // The first data row sits right after the title and header lines.
    expect(r.keywords[0]!.line).toBe(c.headLines + 1);
  });

  it('maps each tool’s columns to volume, difficulty, CPC and intent', () => {
    const pick = (file: string, kw: string) =>
      parseKeywordFile(fs.readFileSync(fixturePath(file))).keywords.find((k) => k.normalized === kw)!;
    expect(pick('semrush-coffee.csv', 'descaling espresso machine')).toMatchObject({
      volume: 390,
      difficulty: 31,
      cpc: 2.23,
      intent: 'informational,commercial',
    });
    expect(pick('ahrefs-coffee.csv', 'best gooseneck kettle')).toMatchObject({
      volume: 590,
      difficulty: 63,
      cpc: 2.32,
    });
    // Keyword Planner: no difficulty; CPC is the midpoint of the top-of-page bid range (0.85–2.96).
    const gkp = pick('keyword-planner-coffee.tsv', 'best espresso machine');
    expect(gkp).toMatchObject({ volume: 5400, difficulty: null });
    expect(gkp.cpc).toBeCloseTo((0.85 + 2.96) / 2, 1);
    // Search Console: impressions stand in for volume.
    expect(pick('search-console-queries.csv', 'manual coffee grinder')).toMatchObject({
      volume: 2578,
      cpc: null,
    });
    expect(pick('plain-list.txt', 'chemex recipe')).toMatchObject({ volume: null, difficulty: null });
  });
});

describe('parseKeywordFile encodings and layouts', () => {
  const csv = 'Keyword,Volume\r\nbest kettle,590\r\ncafé crème,1\r\n';

  it('reads UTF-16 LE/BE with a BOM, UTF-16 LE without one, and UTF-8 with a BOM the same way', () => {
    for (const [bytes, encoding] of [
      [utf16le(csv), 'utf-16le'],
      [utf16be(csv), 'utf-16be'],
      [utf16le(csv, false), 'utf-16le'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(csv)]), 'utf-8-bom'],
    ] as const) {
      const r = parseKeywordFile(bytes);
      expect(r.encoding).toBe(encoding);
      expect(r.keywords.map((k) => k.keyword)).toEqual(['best kettle', 'café crème']);
    }
  });

  it('finds the delimiter (tab, semicolon), title lines before the header, and mixed line endings', () => {
    const semi =
      'Export of 2026-01-01\n\nKeyword;Search Volume;KD %\nbest kettle;"1.300";45\r\nbig pot;2K – 5K;7\n';
    const r = parseKeywordFile(utf8(semi));
    expect(r.delimiter).toBe(';');
    expect(r.headerLine).toBe(3);
    expect(r.keywords.map((k) => [k.line, k.keyword, k.volume, k.difficulty])).toEqual([
      [4, 'best kettle', 1300, 45],
      [5, 'big pot', 2000, 7],
    ]);
    expect(parseKeywordFile(utf8('keyword\tvolume\nkettle\t10\n')).delimiter).toBe('\t');
  });

  it('normalizes (NFKC, case, spaces) and reports in-file duplicates with the line they repeat', () => {
    const r = parseKeywordFile(utf8('Keyword\nＢｅｓｔ   Kettle\nbest kettle\n best\u00a0kettle \nother\n'));
    expect(r.keywords.map((k) => [k.keyword, k.normalized])).toEqual([
      ['Best Kettle', 'best kettle'],
      ['other', 'other'],
    ]);
    expect(r.duplicates).toEqual([
      { line: 3, keyword: 'best kettle', firstLine: 2 },
      { line: 4, keyword: 'best kettle', firstLine: 2 },
    ]);
    expect(r.rows).toBe(4);
  });

  it('rejects bad rows with their line numbers and reasons, and keeps the rest', () => {
    const long = 'k'.repeat(201);
    const text = [
      'Keyword,Volume,Keyword Difficulty',
      'good one,10,5',
      ',20,5',
      `${long},1,1`,
      'bad volume,lots,5',
      'bad difficulty,5,150',
      '"multi',
      'line",7,7',
      ',,',
      'last good,1K – 10K,',
    ].join('\n');
    const r = parseKeywordFile(utf8(text));
    expect(r.keywords.map((k) => [k.line, k.keyword, k.volume])).toEqual([
      [2, 'good one', 10],
      [7, 'multi line', 7],
      [10, 'last good', 1000],
    ]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [3, 'empty keyword'],
      [4, 'keyword longer than 200 characters (201)'],
      [5, 'volume is not a number: "lots"'],
      [6, 'difficulty 150 is outside 0–100'],
    ]);
    expect(r.rows).toBe(r.keywords.length + r.rejectedCount + r.duplicatesInFile);
  });

  it('keeps quotes and commas of a plain list as typed', () => {
    const r = parseKeywordFile(utf8('"best" kettle\ncoffee, tea\n\nkeyword\n'));
    expect(r.format).toBe('plain');
    expect(r.keywords.map((k) => k.keyword)).toEqual(['"best" kettle', 'coffee, tea', 'keyword']);
  });
});

describe('parseKeywordFile refuses broken files with a line number', () => {
  it.each([
    ['empty file', Buffer.alloc(0), 'IMPORT_FAILED', 1],
    ['only blank lines', utf8('\n  \n\n'), 'IMPORT_FAILED', 4],
    ['header only', utf8('Keyword,Volume\r\n'), 'IMPORT_FAILED', 1],
    [
      'title lines and header only',
      utf16le('Stats\r\nRange\r\nKeyword\tAvg. monthly searches\r\n'),
      'IMPORT_FAILED',
      3,
    ],
    ['no keyword column', utf8('Term,Volume\nkettle,10\npot,20\n'), 'UNSUPPORTED_FORMAT', 1],
    [
      'binary garbage',
      Buffer.from([0x13, 0x37, 0x00, 0xff, 0x00, 0x10, 0x80, 0x00, 0x01]),
      'UNSUPPORTED_FORMAT',
      1,
    ],
    ['an Excel workbook', Buffer.from('PK\u0003\u0004xl/workbook.xml'), 'UNSUPPORTED_FORMAT', 1],
    [
      'control characters',
      utf8('Keyword\nkettle\n\u0001\u0002\u0003\u0004\u0005\n'),
      'UNSUPPORTED_FORMAT',
      3,
    ],
    ['huge field', utf8(`Keyword\nkettle\n${'x'.repeat(150_000)}\n`), 'IMPORT_FAILED', 3],
    ['unclosed quote', utf8('Keyword,Volume\nkettle,1\n"pot,2\nlid,3\n'), 'IMPORT_FAILED', 3],
    ['only rejected rows', utf8('Keyword,Volume\nkettle,many\n,3\n'), 'IMPORT_FAILED', 2],
  ])('%s', (_name, bytes, code, line) => {
    const err = fatal(bytes);
    expect(err.code).toBe(code);
    expect(err.details?.line).toBe(line);
    expect(err.message).toMatch(new RegExp(`line ${line}`));
    expect(err.hint).toBeTruthy();
  });

  it('refuses a forced vendor format without a keyword column', () => {
    expect(fatal(utf8('a,b\n1,2\n'), 'semrush').code).toBe('UNSUPPORTED_FORMAT');
  });
});

describe('parseKeywordFile fuzzing', () => {
  const allowed = new Set(['IMPORT_FAILED', 'UNSUPPORTED_FORMAT']);

  /** Either a consistent parse or a refusal with a line number: never another kind of exception. */
  function check(bytes: Uint8Array) {
    try {
      const r = parseKeywordFile(bytes);
      expect(r.keywords.length).toBeGreaterThan(0);
      expect(r.rows).toBe(r.keywords.length + r.duplicatesInFile + r.rejectedCount);
      expect(new Set(r.keywords.map((k) => k.normalized)).size).toBe(r.keywords.length);
      for (const k of r.keywords) {
        expect(k.keyword.length).toBeGreaterThan(0);
        expect(k.keyword.length).toBeLessThanOrEqual(200);
        if (k.difficulty !== null) expect(k.difficulty).toBeGreaterThanOrEqual(0);
        if (k.difficulty !== null) expect(k.difficulty).toBeLessThanOrEqual(100);
      }
    } catch (err) {
      if (!(err instanceof Igny8Error) || !allowed.has(err.code)) throw err;
      if (err.details?.line !== undefined) expect(err.details.line).toBeGreaterThanOrEqual(1);
    }
  }

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => check(bytes)),
      { numRuns: 400 },
    );
  });

  const cell = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      '',
      '"',
      '""',
      ',',
      ';',
      '\t',
      '\n',
      '\r\n',
      ' ',
      '1,300',
      '1K – 10K',
      '150',
      '-',
      'é',
      '\u0000',
    ),
    fc.integer({ min: -10, max: 200_000 }).map(String),
  );
  const header = fc.constantFrom(
    'Keyword,Volume,Keyword Difficulty,CPC (USD),Intent',
    'Keyword\tAvg. monthly searches\tTop of page bid (low range)',
    'Top queries;Clicks;Impressions',
    '#,Keyword,Difficulty,Volume',
    '',
  );
  const csvText = fc
    .tuple(
      header,
      fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 30 }),
      fc.constantFrom(',', '\t', ';'),
      fc.constantFrom('\n', '\r\n', '\r'),
    )
    .map(([h, rows, d, eol]) => `${h}${eol}${rows.map((r) => r.join(d)).join(eol)}`);

  it('random CSV-like text in every supported encoding', () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom('utf8', 'utf8bom', 'utf16le', 'utf16be'), (text, enc) => {
        const bytes =
          enc === 'utf8'
            ? utf8(text)
            : enc === 'utf8bom'
              ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)])
              : enc === 'utf16le'
                ? utf16le(text)
                : utf16be(text);
        check(bytes);
      }),
      { numRuns: 400 },
    );
  });
});
