import type { z } from 'zod';
import type {
  GscImportReportSchema,
  GscPullReportSchema,
  GscSeriesSchema,
  GscStatusSchema,
  GscTopItemSchema,
} from '../../../../src/api-contract/index.js';

export type GscStatus = z.infer<typeof GscStatusSchema>;
export type GscTopItem = z.infer<typeof GscTopItemSchema>;
export type GscSeries = z.infer<typeof GscSeriesSchema>;
export type GscImportReport = z.infer<typeof GscImportReportSchema>;
export type GscPullReport = z.infer<typeof GscPullReportSchema>;

/** The site's Search Console routes (everything under it refreshes after an import or a pull). */
export const gscPath = (siteId: string, sub = '') =>
  `/sites/${encodeURIComponent(siteId)}/search-console${sub}`;

export const position = (p: number | null) => (p === null ? '—' : p.toFixed(1));
