/**
 * The lean entry a CLI command starts through (P11): config, errors and the core, without the
 * library's barrel (src/index.ts), which evaluates every module and its zod schemas. The core loads
 * the services a command does not use only when it calls them.
 */
export { loadConfig, type LoadedConfig } from '../config/index.js';
export { Igny8Error } from '../errors/index.js';
export { sqlitePath } from '../db/index.js';
export { createCore, type Core } from '../core.js';
export { setProviderNoticeFallback } from '../providers/provider-notices.js';
export { resolveCliAccount } from '../tenancy/resolve-cli-account.js';
export { assertModuleEnabled } from '../tenancy/modules.js';
export { resolveSectorRef, resolveSiteRef } from '../tenancy/resolve-site-ref.js';
