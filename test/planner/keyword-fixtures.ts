import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The keyword export fixtures kept in the repository (test/fixtures/keywords), and their expected row counts worked out from the raw file
 * (non-blank lines minus title and header lines) rather than from the parser under test.
 * Test-only helper (test/ is not part of the build).
 */
export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/keywords');

export interface FixtureCase {
  file: string;
  format: string;
  encoding: string;
  /** Lines before the first data row: title lines plus the header. */
  headLines: number;
  /** The text encoding Node should decode the raw file with to count lines independently. */
  nodeEncoding: 'utf8' | 'utf16le';
}

export const FIXTURES: FixtureCase[] = [
  { file: 'semrush-coffee.csv', format: 'semrush', encoding: 'utf-8', headLines: 1, nodeEncoding: 'utf8' },
  { file: 'ahrefs-coffee.csv', format: 'ahrefs', encoding: 'utf-8-bom', headLines: 1, nodeEncoding: 'utf8' },
  {
    file: 'keyword-planner-coffee.tsv',
    format: 'gkp',
    encoding: 'utf-16le',
    headLines: 3,
    nodeEncoding: 'utf16le',
  },
  {
    file: 'search-console-queries.csv',
    format: 'gsc',
    encoding: 'utf-8',
    headLines: 1,
    nodeEncoding: 'utf8',
  },
  { file: 'plain-list.txt', format: 'plain', encoding: 'utf-8', headLines: 0, nodeEncoding: 'utf8' },
];

export function fixturePath(file: string): string {
  return path.join(FIXTURE_DIR, file);
}

/** Data lines of a fixture, split by hand: none of the fixtures has a line break inside a quoted field. */
export function fixtureDataLines(c: FixtureCase): string[] {
  const text = fs.readFileSync(fixturePath(c.file), c.nodeEncoding).replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(c.headLines);
}

/** The keyword column of each data line (first column, or second after Ahrefs' "#"), lower-cased. */
export function fixtureKeywords(c: FixtureCase): string[] {
  const delimiter = c.file.endsWith('.tsv') ? '\t' : c.file.endsWith('.txt') ? null : ',';
  const col = c.file.startsWith('ahrefs') ? 1 : 0;
  return fixtureDataLines(c).map((l) => (delimiter ? l.split(delimiter)[col]! : l).trim().toLowerCase());
}
