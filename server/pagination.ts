import type { Request } from 'express';
import type { Page } from './envelope.js';

export interface PageRequest {
  limit: number;
  offset: number;
  /** Whether the caller paged with limit/offset (links then keep that style) or page/page_size. */
  style: 'page' | 'offset';
}

export interface PageQuery {
  page?: number;
  page_size?: number;
  limit?: number;
  offset?: number;
}

/** limit/offset from either `?page=&page_size=` or `?limit=&offset=` (already validated by zod). */
export function pageRequest(q: PageQuery): PageRequest {
  if (q.limit !== undefined || q.offset !== undefined) {
    return { limit: q.limit ?? q.page_size ?? 50, offset: q.offset ?? 0, style: 'offset' };
  }
  const size = q.page_size ?? 50;
  return { limit: size, offset: ((q.page ?? 1) - 1) * size, style: 'page' };
}

/** The page envelope with next/previous links that keep every other query parameter. */
export function buildPage<T>(req: Request, pr: PageRequest, results: T[], count: number): Page<T> {
  // Parsed once per page: both links share everything but the page parameters.
  const url = new URL(req.originalUrl, 'http://local');
  for (const k of ['page', 'page_size', 'limit', 'offset']) url.searchParams.delete(k);
  const kept = url.searchParams.toString();
  const link = (offset: number): string => {
    const params = new URLSearchParams(kept);
    if (pr.style === 'offset') {
      params.set('limit', String(pr.limit));
      params.set('offset', String(offset));
    } else {
      params.set('page', String(Math.floor(offset / pr.limit) + 1));
      params.set('page_size', String(pr.limit));
    }
    return `${url.pathname}?${params.toString()}`;
  };
  const hasNext = pr.offset + results.length < count && results.length > 0;
  const hasPrevious = pr.offset > 0;
  return {
    count,
    next: hasNext ? link(pr.offset + pr.limit) : null,
    previous: hasPrevious ? link(Math.max(0, pr.offset - pr.limit)) : null,
    results,
  };
}
