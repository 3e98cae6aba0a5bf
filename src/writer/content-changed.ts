import { Igny8Error } from '../errors/index.js';

/**
 * The refusal of an edit that started from an older version of the article than the one stored:
 * saving it would silently overwrite what a teammate (or another tab, or a run) saved meanwhile.
 */
export function contentChangedError(id: string, base: string, current: string): Igny8Error {
  return new Igny8Error(
    'CONTENT_CHANGED',
    `Article ${id} was saved again at ${current}, after the version this edit started from (${base}): ` +
      'nothing was saved, so the other change is kept. Load the article again and edit on top of it',
    {
      action: { id: 'reload_content', params: { contentId: id } },
      details: { contentId: id, baseUpdatedAt: base, updatedAt: current },
    },
  );
}

/**
 * The `updated_at` of an edit: now, but always after the previous one, so two saves in the same
 * millisecond still differ and a precondition on the first cannot let the second's stale base through.
 */
export function nextUpdatedAt(previous: string, now: Date = new Date()): string {
  const prev = Date.parse(previous);
  return Number.isFinite(prev) && now.getTime() <= prev
    ? new Date(prev + 1).toISOString()
    : now.toISOString();
}
