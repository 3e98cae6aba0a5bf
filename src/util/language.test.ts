import { describe, expect, it } from 'vitest';
import { checkSeo } from '../writer/seo-check.js';
import { countWords } from '../writer/html-text.js';
import { slugify } from './ids.js';
import { effectiveLanguage, LanguageSchema } from './language.js';

describe('language settings', () => {
  it('accepts BCP 47 tags in canonical case and refuses the rest', () => {
    expect(LanguageSchema.parse('DE')).toBe('de');
    expect(LanguageSchema.parse('pt-br')).toBe('pt-BR');
    expect(LanguageSchema.safeParse('german').success).toBe(false);
    expect(LanguageSchema.safeParse('de_DE').success).toBe(false);
    expect(effectiveLanguage('de', null)).toBe('de');
    expect(effectiveLanguage('de', 'ja')).toBe('ja');
    expect(effectiveLanguage(null, null)).toBe('en');
  });

  it('slugs: German umlauts spelled out, Spanish accents dropped, Japanese kept in Unicode within 200 encoded bytes', () => {
    expect(slugify('Kaffee brühen für Anfänger', 'de')).toBe('kaffee-bruehen-fuer-anfaenger');
    expect(slugify('Straße', 'de')).toBe('strasse');
    expect(slugify('Cómo preparar café en español', 'es')).toBe('como-preparar-cafe-en-espanol');
    expect(slugify('コーヒーの淹れ方 初心者', 'ja')).toBe('コーヒーの淹れ方-初心者');
    const long = slugify('コーヒー'.repeat(40), 'ja');
    expect(encodeURIComponent(long).length).toBeLessThanOrEqual(200);
    expect(long.length).toBeGreaterThan(10);
    // A romanized slug given for Japanese stays as it is; without a language nothing changes.
    expect(slugify('kohi-no-irekata', 'ja')).toBe('kohi-no-irekata');
    expect(slugify('Kaffee brühen')).toBe('kaffee-bruhen');
  });

  it('counts Japanese words with Intl.Segmenter, not one per clause', () => {
    const text = 'コーヒーで大切なのは、まず準備をしっかり行うことです。';
    expect(countWords(text)).toBe(2);
    const ja = countWords(text, 'ja');
    expect(ja).toBeGreaterThanOrEqual(8);
    expect(ja).toBeLessThan(text.length);
    expect(countWords('Kaffee brühen ist einfach.', 'de')).toBe(4);
  });

  it('SEO checks: Flesch is skipped outside English, and the slug check follows the language', () => {
    const html = `<p>kaffee brühen ist einfach.</p>${['Eins', 'Zwei', 'Drei'].map((h) => `<h2>${h} kaffee brühen</h2><p>Text.</p>`).join('')}`;
    const base = {
      title: 'Kaffee brühen',
      html,
      metaTitle: 'Kaffee brühen: Der komplette Leitfaden',
      metaDescription: null,
      focusKeyword: 'kaffee brühen',
    };
    const de = checkSeo({ ...base, slug: 'kaffee-bruehen', language: 'de' });
    const readability = de.checks.find((c) => c.id === 'readability')!;
    expect(readability).toMatchObject({ passed: true, weight: 0 });
    expect(readability.detail).toMatch(/^skipped/);
    expect(de.checks.find((c) => c.id === 'slug')!.passed).toBe(true);
    const en = checkSeo({ ...base, slug: 'kaffee-bruehen' });
    expect(en.checks.find((c) => c.id === 'readability')!.detail).toMatch(/^reading ease/);
  });
});
