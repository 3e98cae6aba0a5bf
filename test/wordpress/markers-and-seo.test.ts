import { describe, expect, it } from 'vitest';
import { isIgny8Error } from '../../src/errors/index.js';
import {
  COMPANION_META_KEYS,
  detectSeoSupport,
  hasMarker,
  markerComment,
  mediaMarkerSlug,
  normalizeTermName,
  safeFilename,
  seoMetaFor,
  toWpGmt,
  withMarker,
} from '../../src/publishing/wordpress/index.js';

const KEY = '3f2a9c1e-7b4d-4e1a-9c2b-0d5e6f7a8b9c';

describe('publish markers', () => {
  it('appends the marker comment once and recognises it', () => {
    const once = withMarker('<p>Hi</p>\n\n', KEY);
    expect(once).toBe(`<p>Hi</p>\n<!-- igny8:${KEY} -->`);
    expect(withMarker(once, KEY)).toBe(once);
    expect(hasMarker(once, KEY)).toBe(true);
    expect(hasMarker(`<p>${KEY}</p>`, KEY)).toBe(false);
    expect(hasMarker(once, '3f2a9c1e-0000-4e1a-9c2b-0d5e6f7a8b9c')).toBe(false);
  });

  it('builds media slugs from key and role', () => {
    expect(mediaMarkerSlug(KEY, 'Inline 2')).toBe(`igny8-${KEY}-inline-2`);
  });

  it('refuses keys that could break the marker or the search', () => {
    for (const bad of ['short', '-leading-hyphen', 'has space here', 'x'.repeat(65), 'a-->b<!--c']) {
      const err = (() => {
        try {
          return markerComment(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(isIgny8Error(err) && err.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('SEO field detection', () => {
  const schema = (keys: string[], extra: Record<string, unknown> = {}) => ({
    properties: {
      meta: { properties: Object.fromEntries(keys.map((k) => [k, { type: 'string' }])) },
      ...extra,
    },
  });

  it('finds nothing on a stock site and says why nothing is written', () => {
    const support = detectSeoSupport({ namespaces: ['wp/v2'], postSchema: schema([]) });
    expect(support).toEqual({ plugins: [], target: null, companion: false, writeAll: false });
    const plan = seoMetaFor(support, { title: 'T', description: 'D' });
    expect(plan.meta).toEqual({});
    expect(plan.skipped.map((s) => s.field)).toEqual(['title', 'description']);
    expect(plan.skipped[0]!.reason).toContain('no SEO plugin');
  });

  it('reports an active plugin that exposes no fields as detected but not writable', () => {
    const support = detectSeoSupport({
      namespaces: ['wp/v2', 'yoast/v1'],
      postSchema: schema([], { yoast_head_json: {} }),
    });
    expect(support.target).toBeNull();
    expect(support.plugins).toEqual([
      {
        plugin: 'yoast',
        name: 'Yoast SEO',
        detected: true,
        active: true,
        writable: {},
        missing: ['title', 'description', 'focusKeyword'],
      },
    ]);
    expect(seoMetaFor(support, { focusKeyword: 'k' }).skipped[0]!.reason).toContain('Yoast SEO is active');
  });

  it('writes to the plugin with the most writable fields and reports the rest', () => {
    const support = detectSeoSupport({
      namespaces: ['wp/v2', 'rankmath/v1'],
      postSchema: schema(['rank_math_title', 'rank_math_description', '_seopress_titles_title']),
    });
    expect(support.target).toBe('rankmath');
    const plan = seoMetaFor(support, { title: 'T', description: 'D', focusKeyword: 'K' });
    expect(plan.meta).toEqual({ rank_math_title: 'T', rank_math_description: 'D' });
    expect(plan.written).toEqual(['title', 'description']);
    expect(plan.skipped).toEqual([
      { field: 'focusKeyword', reason: 'Rank Math does not expose its focusKeyword field over the REST API' },
    ]);
  });
});

describe('SEO fields through the companion plugin', () => {
  const all = {
    properties: { meta: { properties: Object.fromEntries(COMPANION_META_KEYS.map((k) => [k, {}])) } },
  };
  const values = { title: 'T', description: 'D', focusKeyword: 'K' };

  it('writes every plugin’s keys on a site that runs no SEO plugin yet', () => {
    const support = detectSeoSupport({ namespaces: ['wp/v2'], postSchema: all });
    expect(support).toMatchObject({ companion: true, writeAll: true });
    expect(seoMetaFor(support, values).meta).toEqual({
      _yoast_wpseo_title: 'T',
      _yoast_wpseo_metadesc: 'D',
      _yoast_wpseo_focuskw: 'K',
      rank_math_title: 'T',
      rank_math_description: 'D',
      rank_math_focus_keyword: 'K',
      _seopress_titles_title: 'T',
      _seopress_titles_desc: 'D',
      _seopress_analysis_target_kw: 'K',
      _aioseo_title: 'T',
      _aioseo_description: 'D',
      _aioseo_keywords: 'K',
    });
  });

  it('writes only the running plugin’s keys when one is active', () => {
    const support = detectSeoSupport({ namespaces: ['wp/v2', 'rankmath/v1'], postSchema: all });
    expect(support).toMatchObject({ companion: true, writeAll: false, target: 'rankmath' });
    expect(seoMetaFor(support, values).meta).toEqual({
      rank_math_title: 'T',
      rank_math_description: 'D',
      rank_math_focus_keyword: 'K',
    });
  });
});

describe('small WordPress conversions', () => {
  it('formats dates as WordPress date_gmt (UTC, no offset)', () => {
    expect(toWpGmt(new Date('2030-05-06T07:08:09.123Z'))).toBe('2030-05-06T07:08:09');
    expect(toWpGmt('2030-05-06T09:08:09+02:00')).toBe('2030-05-06T07:08:09');
    expect(toWpGmt('2030-05-06T07:08:09')).toBe('2030-05-06T07:08:09');
  });

  it('makes file names safe for Content-Disposition', () => {
    expect(safeFilename('Winter boots – café.png')).toBe('Winter-boots-cafe.png');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('日本.PNG')).toBe('image.png');
    expect(safeFilename('a.b c.jpeg')).toBe('a-b-c.jpeg');
  });

  it('compares term names the way WordPress stores them', () => {
    expect(normalizeTermName('Tips &amp; Tricks')).toBe(normalizeTermName('  tips   & TRICKS '));
  });
});
