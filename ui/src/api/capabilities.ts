import { useEffect, useState } from 'react';

/**
 * Which routes this server has, from its OpenAPI document (read once per page load). A page whose
 * route is missing (an older or partial server) then says so without sending a request that can
 * only fail. If the document cannot be read, every route counts as present.
 */
interface RouteMatcher {
  method: string;
  pattern: RegExp;
}

let loading: Promise<RouteMatcher[] | null> | null = null;

function compile(paths: Record<string, Record<string, unknown>>): RouteMatcher[] {
  const out: RouteMatcher[] = [];
  for (const [template, ops] of Object.entries(paths)) {
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    for (const method of Object.keys(ops))
      out.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`) });
  }
  return out;
}

function routes(): Promise<RouteMatcher[] | null> {
  loading ??= fetch('/api/v1/openapi.json')
    .then(async (res) =>
      res.ok
        ? compile(((await res.json()) as { paths: Record<string, Record<string, unknown>> }).paths)
        : null,
    )
    .catch(() => null);
  return loading;
}

/** Whether the server has a route for this method and URL (query ignored). */
export async function supports(method: string, url: string): Promise<boolean> {
  const list = await routes();
  if (!list) return true;
  const path = url.split('?')[0]!;
  return list.some((r) => r.method === method && r.pattern.test(path));
}

/** `supports` as a hook: undefined until the route table is read. */
export function useSupports(method: string, url: string): boolean | undefined {
  const [known, setKnown] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void supports(method, url).then((ok) => live && setKnown(ok));
    return () => {
      live = false;
    };
  }, [method, url]);
  return known;
}
