import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, ONE_COLUMN_TEXT, padToWidth, truncateToWidth } from './display-width.js';
import { renderKeyValues, renderTable } from './output.js';

describe('display width (string-width, cli-truncate)', () => {
  it('counts wide characters as two columns and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('café')).toBe(4);
    expect(displayWidth('cafe\u0301')).toBe(4);
    expect(displayWidth('☕ brew')).toBe(7);
  });

  it('pads and truncates by columns, not UTF-16 units', () => {
    expect(padToWidth('日本', 6)).toBe('日本  ');
    expect(truncateToWidth('日本語テキスト', 5)).toBe('日本…');
    expect(displayWidth(truncateToWidth('日本語テキスト', 5))).toBeLessThanOrEqual(5);
    expect(truncateToWidth('abcdefgh', 5)).toBe('abcd…');
  });

  it('lines up table columns holding CJK text and emoji', () => {
    const out = renderTable([
      { keyword: 'コーヒー 豆', volume: 10 },
      { keyword: 'cold brew ☕', volume: 2000 },
      { keyword: 'plain', volume: 3 },
    ]);
    const lines = out.split('\n');
    const volumeAt = lines.map((l) => displayWidth(l.slice(0, l.search(/\d+$|VOLUME$/))));
    expect(new Set(volumeAt).size).toBe(1);
    expect(renderKeyValues({ 名前: 'x', id: 'y' }).split('\n')).toEqual(['名前  x', 'id    y']);
  });

  it('counts the one-column fast path exactly as string-width does', () => {
    const fast: string[] = [];
    for (let c = 0; c < 0x2100; c++) {
      const ch = String.fromCharCode(c);
      if (ONE_COLUMN_TEXT.test(ch)) fast.push(ch);
    }
    expect(fast).toContain('—');
    expect(fast).toContain('é');
    expect(fast).not.toContain('\u00ad');
    for (const ch of fast) expect([ch, stringWidth(ch)]).toEqual([ch, 1]);
    expect(truncateToWidth('café — crème brûlée', 8)).toBe('café — …');
  });
});
