/** Search Console performance per site (0022), owned by src/search-console. */
import type { SEARCH_CONSOLE_SOURCES } from '../../api-contract/enum-values.js';

export type SearchConsoleSource = (typeof SEARCH_CONSOLE_SOURCES)[number];

export interface SearchConsoleRowsTable {
  account_id: string;
  site_id: string;
  /** YYYY-MM-DD (Search Console's day, Pacific time). */
  date: string;
  /** The page's full URL as Search Console reports it. */
  page: string;
  /** '' for page-level totals (an export without a query dimension). */
  query: string;
  clicks: number;
  impressions: number;
  /** Average position that day (1 = top); aggregate weighted by impressions. */
  position: number;
}

/** One import or API pull: the date range it replaced for the site. */
export interface SearchConsoleSyncsTable {
  id: string;
  account_id: string;
  site_id: string;
  source: SearchConsoleSource;
  /** The file's name, or the Search Console property. */
  origin: string;
  date_from: string;
  date_to: string;
  /** Rows written. */
  rows: number;
  /** Rows of the same range that were there before and were replaced. */
  replaced: number;
  created_at: string;
}

/** How a site reaches its Search Console property (0027): the key is sealed with the master key. */
export interface SearchConsoleConnectionsTable {
  site_id: string;
  account_id: string;
  /** sc-domain:example.com or a URL prefix (https://example.com/). */
  property: string;
  client_email: string;
  /** The service-account JSON key, encrypted (SecretBox envelope); never returned. */
  key_enc: string;
  created_at: string;
  updated_at: string;
}
