import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Igny8Error } from '../errors/index.js';
import { parseKeywordFile } from './parse-keyword-file.js';

// Keyword files saved by Excel on Windows are in the machine's code page, not UTF-8 (issue 12). The
// files are made here with iconv-lite, byte for byte what such a save writes.

const KEYWORDS_1252 = [
  'café crème',
  'crème brûlée recipe',
  'jalapeño poppers',
  'naïve art prints',
  '“smart” kettle',
  'espresso – how to',
  'piña colada',
  'über coffee grinder',
  'price in €',
  'façade cleaning',
];

function file(lines: string[], encoding: string, header = 'Keyword;Volume'): Buffer {
  const text = [header, ...lines.map((k, i) => `${k};${(i + 1) * 10}`)].join('\r\n') + '\r\n';
  return iconv.encode(text, encoding);
}

describe('legacy code pages', () => {
  it('reads a Windows-1252 CSV from Excel (€, curly quotes, accents) and says so', () => {
    const bytes = file(KEYWORDS_1252, 'windows-1252');
    // Not valid UTF-8: exactly the file that used to be refused.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = parseKeywordFile(bytes);
    expect(r.encoding).toBe('windows-1252');
    expect(r.keywords.map((k) => k.keyword)).toEqual(KEYWORDS_1252);
    expect(r.keywords.map((k) => k.volume)).toEqual(KEYWORDS_1252.map((_, i) => (i + 1) * 10));
    expect(r.warnings.join('\n')).toMatch(/not Unicode: read as windows-1252/);
  });

  it('reads ISO-8859-1 text as Windows-1252 (its superset)', () => {
    const latin = ['café', 'crème brûlée', 'jalapeño', 'naïve', 'façade', 'garçon', 'déjà vu', 'smörgåsbord'];
    const r = parseKeywordFile(file(latin, 'latin1'));
    expect(r.encoding).toBe('windows-1252');
    expect(r.keywords.map((k) => k.keyword)).toEqual(latin);
  });

  it('reads a Cyrillic Windows-1251 file', () => {
    const ru = [
      'кофемашина для дома',
      'лучшая кофемолка',
      'как приготовить эспрессо',
      'капучино рецепт дома',
      'зерновой кофе купить',
      'турка для кофе медная',
      'френч пресс как заваривать',
      'молоко для капучино',
    ];
    const r = parseKeywordFile(file(ru, 'windows-1251'));
    expect(r.encoding).toBe('windows-1251');
    expect(r.keywords.map((k) => k.keyword)).toEqual(ru);
  });

  it('keeps UTF-8 files as they were, with no warning', () => {
    const r = parseKeywordFile(Buffer.from(`Keyword;Volume\r\n${KEYWORDS_1252.join(';1\r\n')};1\r\n`));
    expect(r.encoding).toBe('utf-8');
    expect(r.keywords.map((k) => k.keyword)).toEqual(KEYWORDS_1252);
    expect(r.warnings).toEqual([]);
  });

  it('still refuses binary data', () => {
    const bytes = Buffer.from([0x4b, 0x65, 0x79, 0x0a, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x80, 0x81, 0x0a]);
    let err: unknown;
    try {
      parseKeywordFile(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Igny8Error);
    expect((err as Igny8Error).code).toBe('UNSUPPORTED_FORMAT');
  });
});

describe('duplicate column names', () => {
  it('warns, naming the columns and which one is read', () => {
    const bytes = Buffer.from('Keyword,Volume,Notes,Volume,notes\nkettle,10,a,99,b\npot,20,c,98,d\n');
    const r = parseKeywordFile(bytes);
    expect(r.keywords.map((k) => [k.keyword, k.volume])).toEqual([
      ['kettle', 10],
      ['pot', 20],
    ]);
    expect(r.warnings).toEqual([
      'columns 2 and 4 are both named "Volume": column 2 is read, the others are ignored',
      'columns 3 and 5 are both named "Notes" (none of them is read)',
    ]);
  });

  it('says nothing when the names are distinct', () => {
    expect(parseKeywordFile(Buffer.from('Keyword,Volume,CPC\nkettle,10,1.5\n')).warnings).toEqual([]);
  });
});
