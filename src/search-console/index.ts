export {
  createSearchConsoleService,
  type Paging,
  type SearchConsoleService,
  type SearchConsoleServiceOptions,
} from './search-console.service.js';
export { importGscFile, type GscImportReport, type ImportGscFileInput } from './gsc-import.service.js';
export { pullGsc, type GscPullInput, type GscPullReport } from './gsc-pull.service.js';
export {
  topKeys,
  series as gscSeries,
  heldRange as gscHeldRange,
  pageQueryTotals,
  type GscMetricRow,
  type GscWindow,
} from './gsc-reads.repository.js';
export type { GscApiOptions } from './gsc-api-client.js';
export { onDomain } from './parse-gsc-row.js';
export { searchConsoleConnectionsDue } from './gsc-connections.repository.js';
