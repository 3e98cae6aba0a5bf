import type { Db } from '../db/index.js';
import { findSiteRowByRef } from '../tenancy/site.repository.js';
import type { Scope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';

/** The site an article appears on, as its documents need it: JSON-LD author, and whether it wants a table of contents. */
export interface ArticleSite {
  name: string;
  url?: string | null;
  /** `settings.toc` of the site (`igny8 site update SITE --settings '{"toc":true}'`). */
  toc?: boolean;
}

/** The site of an article, or null when it is gone. */
export async function articleSite(db: Db, scope: Scope, siteId: string): Promise<ArticleSite | null> {
  const row = await findSiteRowByRef(db, scope, siteId);
  if (!row) return null;
  const settings = parseJson<{ toc?: unknown }>(row.settings, {});
  return { name: row.name, url: row.domain ? `https://${row.domain}` : null, toc: settings.toc === true };
}
