/** igny8's public API: cli/ and server/ import only from here (or a module's index.ts). */
export * from './config/index.js';
export * from './errors/index.js';
export * from './db/index.js';
export { createCore, type Core, type CreateCoreOptions } from './core.js';
export type { Actor, Role, Scope, SectorScope, SiteScope } from './tenancy/scope.js';
export { newId, nowIso, slugify } from './util/ids.js';
export { resolveCliAccount } from './tenancy/resolve-cli-account.js';
// @index-exports (one line per module)
