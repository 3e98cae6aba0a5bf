import { describe, expect, it } from 'vitest';
import { contentChangedError, nextUpdatedAt } from './content-changed.js';

describe('an edit’s updated_at and its refusal', () => {
  it('is now when now is later, else one millisecond after the previous save', () => {
    const prev = '2026-01-01T10:00:00.000Z';
    expect(nextUpdatedAt(prev, new Date('2026-01-01T10:00:05.000Z'))).toBe('2026-01-01T10:00:05.000Z');
    expect(nextUpdatedAt(prev, new Date(prev))).toBe('2026-01-01T10:00:00.001Z');
    expect(nextUpdatedAt(prev, new Date('2025-12-31T00:00:00.000Z'))).toBe('2026-01-01T10:00:00.001Z');
  });

  it('names both versions and points at the article', () => {
    const e = contentChangedError('c1', 'T0', 'T1');
    expect([e.code, e.status]).toEqual(['CONTENT_CHANGED', 409]);
    expect(e.message).toContain('after the version this edit started from (T0)');
    expect(e.hintFor('api')).toContain('GET /api/v1/content/c1');
  });
});
