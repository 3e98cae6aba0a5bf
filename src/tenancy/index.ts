/** Tenancy: plans, accounts, modules, users, roles, API keys, sites and sectors. */
export type { Actor, Role, Scope, SectorScope, SiteScope } from './scope.js';
export { OWNED_REFS, collectOwnedRefs, type OwnedRefKind, type OwnedRefs } from './assert-owned.js';
export { resolveCliAccount } from './resolve-cli-account.js';
export { resolveSectorRef, resolveSiteRef } from './resolve-site-ref.js';
export { createTenancyService, type RegisterOwnerInput, type TenancyService } from './tenancy.service.js';
export type { AccountService } from './account.service.js';
export type { ApiKeyService } from './api-key.service.js';
export type { SectorService } from './sector.service.js';
export type { SiteService } from './site.service.js';
export type { ActingAs, UserService } from './user.service.js';
export type {
  Account,
  AccountDetails,
  ApiKeyInfo,
  CreatedApiKey,
  LimitUsage,
  Plan,
  Sector,
  Site,
  SiteSummary,
  User,
} from './tenancy.types.js';
export { DEFAULT_PLANS, INIT_PLAN_ID, SIGNUP_PLAN_ID, UNLIMITED, type PlanSeed } from './default-plans.js';
export { seedPlans } from './plan-catalog.js';
export { probePlansTable } from './plan.repository.js';
export { assertCapacity, assertKeywordCapacity, type LimitName } from './plan-limits.js';
export { MODULES, assertModuleEnabled, isModuleName, moduleStates, type ModuleName } from './modules.js';
export { PERMISSIONS, assertCan, assertMayAssignRole, can, roleAtLeast, type Action } from './roles.js';
export { generatePassword, hashPassword, verifyPassword } from './password.js';
export { authenticateApiKey } from './authenticate-api-key.js';
export { hashApiKey } from './api-key-format.js';
export {
  AccountCreateSchema,
  AccountUpdateSchema,
  ApiKeyCreateSchema,
  DomainSchema,
  InitProjectSchema,
  ModuleNameSchema,
  ModulesChangeSchema,
  SectorAddSchema,
  SiteAddSchema,
  SiteUpdateSchema,
  SlugSchema,
  TimezoneSchema,
  UserAddSchema,
  type AccountCreate,
  type AccountUpdate,
  type ApiKeyCreate,
  type InitProjectInput,
  type ModulesChange,
  type SectorAdd,
  type SiteAdd,
  type SiteUpdate,
  type UserAdd,
} from './tenancy.schema.js';
export {
  INIT_CONFIG_FILE,
  initProjectWith,
  type InitCore,
  type InitProjectResult,
  type OpenInitCore,
} from './init-project.js';
