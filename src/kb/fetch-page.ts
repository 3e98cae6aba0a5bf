import { Igny8Error } from '../errors/index.js';
import { createGuardedFetch, type FetchLike, type LookupFn } from '../publishing/url-guard.js';

export interface FetchPageOptions {
  /** Let private and loopback addresses through (the CLI's operator; the server's config). */
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  /** Tests: answer in process. */
  fetch?: FetchLike;
  lookup?: LookupFn;
}

export interface FetchedPage {
  /** The address after redirects. */
  url: string;
  contentType: string | null;
  bytes: Uint8Array;
}

const tooLarge = (url: string, max: number) =>
  new Igny8Error('KB_SOURCE_TOO_LARGE', `${url} is larger than ${Math.round(max / 1024)} KiB`, {
    hint: 'Save the part you need as a file and add that, or raise kb.maxBytes.',
    details: { maxBytes: max },
  });

/** Read a body up to `max` bytes, refusing (and cancelling) a longer one. */
async function readCapped(res: Response, url: string, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel();
    throw tooLarge(url, max);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw tooLarge(url, max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Fetch a page once, at add time: the address and every redirect checked by the outbound URL guard
 * (no private or loopback hosts unless allowed), a time limit over the whole exchange, a size cap.
 */
export async function fetchPage(url: string, options: FetchPageOptions): Promise<FetchedPage> {
  const guarded = createGuardedFetch({
    allowPrivate: options.allowPrivate,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await guarded(url, {
      signal,
      headers: { accept: 'text/html, application/pdf, text/plain, text/markdown, */*;q=0.5' },
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Igny8Error('KB_FETCH_FAILED', `${url} answered HTTP ${res.status}`, {
        hint: 'Check the address opens in a browser without signing in.',
        details: { status: res.status },
      });
    }
    const bytes = await readCapped(res, url, options.maxBytes);
    return { url: res.url || url, contentType: res.headers.get('content-type'), bytes };
  } catch (err) {
    if (err instanceof Igny8Error) throw err;
    if (signal.aborted)
      throw new Igny8Error('KB_FETCH_FAILED', `${url} did not answer within ${options.timeoutMs / 1000} s`, {
        hint: 'Try again later, or save the page and add the file.',
      });
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    throw new Igny8Error('KB_FETCH_FAILED', `Fetching ${url} failed (${cause})`, {
      hint: 'Check the address and the network, then try again.',
      cause: err,
    });
  }
}
