import { describe, expect, it } from 'vitest';
import { parseCpc, parseDifficulty, parseIntent, parseVolume } from './parse-metrics.js';

describe('parseVolume', () => {
  it.each([
    ['1300', 1300],
    ['1,300', 1300],
    ['1 300', 1300],
    ['1.300', 1300],
    ['1\u00a0300', 1300],
    ['2.5K', 2500],
    ['2,5K', 2500],
    ['1M', 1_000_000],
    ['~390', 390],
    ['<10', 10],
    ['1K – 10K', 1000],
    ['1K-10K', 1000],
    ['100 - 1K', 100],
    ['10K–100K', 10_000],
  ])('reads %j as %d', (cell, expected) => {
    expect(parseVolume(cell)).toEqual({ value: expected });
  });

  it('treats blanks and dashes as unknown, and names a non-number', () => {
    for (const cell of ['', '  ', '-', '—', 'n/a', undefined])
      expect(parseVolume(cell)).toEqual({ value: null });
    expect(parseVolume('lots')).toEqual({ error: 'volume is not a number: "lots"' });
    expect(parseVolume('-5').error).toMatch(/not a number/);
    expect(parseVolume('1K – many').error).toMatch(/not a number/);
    expect(parseVolume('99999999999').error).toMatch(/larger than/);
  });
});

describe('parseDifficulty', () => {
  it('accepts 0–100 with an optional % and rounds', () => {
    expect(parseDifficulty('45')).toEqual({ value: 45 });
    expect(parseDifficulty('45%')).toEqual({ value: 45 });
    expect(parseDifficulty('45.6')).toEqual({ value: 46 });
    expect(parseDifficulty('0')).toEqual({ value: 0 });
    expect(parseDifficulty('100')).toEqual({ value: 100 });
    expect(parseDifficulty('')).toEqual({ value: null });
  });

  it('names values outside the scale and non-numbers', () => {
    expect(parseDifficulty('101').error).toBe('difficulty 101 is outside 0–100');
    expect(parseDifficulty('150').error).toMatch(/outside 0–100/);
    expect(parseDifficulty('-3').error).toMatch(/outside 0–100/);
    expect(parseDifficulty('hard').error).toBe('difficulty is not a number: "hard"');
  });
});

describe('parseCpc', () => {
  it('reads currencies and decimal commas, and gives null rather than failing', () => {
    expect(parseCpc('1.41')).toBe(1.41);
    expect(parseCpc('$1.41')).toBe(1.41);
    expect(parseCpc('1,41 €')).toBe(1.41);
    expect(parseCpc('0.333')).toBe(0.33);
    expect(parseCpc('')).toBeNull();
    expect(parseCpc('free')).toBeNull();
    expect(parseCpc('-1')).toBeNull();
  });
});

describe('parseIntent', () => {
  it('maps Semrush names, numeric codes and letters to canonical names', () => {
    expect(parseIntent('Commercial')).toBe('commercial');
    expect(parseIntent('Informational, Commercial')).toBe('informational,commercial');
    expect(parseIntent('1,0')).toBe('informational,commercial');
    expect(parseIntent('I, T')).toBe('informational,transactional');
    expect(parseIntent('Navigational')).toBe('navigational');
    expect(parseIntent('whatever')).toBeNull();
    expect(parseIntent('')).toBeNull();
  });
});
