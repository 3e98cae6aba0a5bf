/** The site's existing posts and pages (inventory): import, list, link targets, cannibalization rivals. */
export {
  createInventoryService,
  InventoryListQuerySchema,
  type ImportPostsResult,
  type InventoryListQuery,
  type InventoryService,
} from './inventory.service.js';
export { INVENTORY_TARGET_PREFIX, inventoryLinkCandidates, inventoryRivals } from './inventory-matches.js';
export { type LinkTarget } from './link-target.js';
export { readWordPressPosts, type RemotePost } from './wordpress-post-source.js';
