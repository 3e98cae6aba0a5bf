/**
 * The services `createCore` used to build at once and now builds on their first call (P11): the
 * account side (tenancy, credits, models, search), the provider keys and registries, and the URL
 * guard. One module, so a command that needs any of them loads them in one step (one chunk in the
 * CLI bundle, not one per service), and `keywords list`, which needs none, loads none.
 */
export { createTenancyService } from './tenancy/tenancy.service.js';
export { createCreditsService } from './credits/credits.service.js';
export { createSearchService } from './search/index.js';
export { createModelRegistry } from './models/model-registry.service.js';
export { createProviderKeyStore } from './providers/credentials/index.js';
export { createProviderRegistry } from './providers/index.js';
export { createGuardedFetch } from './publishing/url-guard.js';
