/**
 * Pure: the key that makes one page's URLs comparable — the path, lower-cased and percent-decoded,
 * without trailing slash, query string or fragment. Search Console, the inventory, publish records
 * and links in article bodies spell the same page differently (http/https, www, `/slug` vs
 * `/slug/`, absolute vs relative); a site is one host, so the path identifies the page.
 * @example pageKey('https://www.Example.com/Cold-Brew/?utm=x#top') // "/cold-brew"
 */
export function pageKey(url: string): string {
  let path = url.trim();
  try {
    path = new URL(path, 'http://relative.invalid').pathname;
  } catch {
    path = path.replace(/[?#].*$/, '');
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % stays as it is.
  }
  path = path.toLowerCase().replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

/** Pure: the host of an absolute URL without "www." (null for a relative href). */
export function pageHost(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:'
      ? u.hostname.toLowerCase().replace(/^www\./, '')
      : null;
  } catch {
    return null;
  }
}
