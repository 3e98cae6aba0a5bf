import { useEffect, useState } from 'react';
import { supports } from '../api/capabilities';
import { apiUrl, authHeaders, refreshSession } from '../api/client';

const cache = new Map<string, Promise<string | null>>();

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

async function fetchImage(path: string): Promise<string | null> {
  if (!(await supports('GET', apiUrl(path)))) return null;
  const get = () => fetch(apiUrl(path), { headers: authHeaders() });
  let res = await get();
  if (res.status === 401 && (await refreshSession())) res = await get();
  if (!res.ok) return null;
  // A data: URL, since the page's content security policy allows data: images and not blob: ones.
  return blobToDataUrl(await res.blob());
}

/**
 * An image from an access-checked API route: fetched with the bearer header (an <img src> cannot
 * send one), then shown inline.
 */
export function AuthImage({ path, alt, version }: { path: string; alt: string; version?: string }) {
  const [src, setSrc] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const key = `${path}#${version ?? ''}`;
    let p = cache.get(key);
    if (!p) {
      p = fetchImage(path).catch(() => null);
      cache.set(key, p);
    }
    let live = true;
    void p.then((s) => live && setSrc(s));
    return () => {
      live = false;
    };
  }, [path, version]);
  if (src === undefined)
    return <div className="img-placeholder" role="img" aria-label={`${alt} (loading)`} />;
  if (src === null)
    return (
      <div className="img-placeholder" role="img" aria-label={`${alt} (not available)`}>
        No file
      </div>
    );
  return <img src={src} alt={alt} loading="lazy" />;
}
