import { parseJson } from '../util/json.js';
import type { AccountRow } from './account.repository.js';
import type { ApiKeyRow } from './api-key.repository.js';
import { UNLIMITED } from './default-plans.js';
import { moduleStates } from './modules.js';
import type { PlanRow } from './plan.repository.js';
import type { SectorRow } from './sector.repository.js';
import type { SiteRow } from './site.repository.js';
import type { Account, ApiKeyInfo, Plan, Sector, Site, User } from './tenancy.types.js';
import type { UserRow } from './user.repository.js';

// Rows are not domain objects: these turn snake_case rows into the camelCase types services return.

const limit = (n: number): number | null => (n >= UNLIMITED ? null : n);

export function toPlan(r: PlanRow): Plan {
  return {
    id: r.id,
    name: r.name,
    includedCredits: r.included_credits,
    maxSites: limit(r.max_sites),
    maxUsers: limit(r.max_users),
    maxKeywords: limit(r.max_keywords),
  };
}

export function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    name: r.name,
    planId: r.plan_id,
    timezone: r.timezone,
    status: r.status,
    modules: moduleStates(r.modules),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    accountId: r.account_id,
    email: r.email,
    name: r.name,
    role: r.role,
    status: r.status,
    hasPassword: r.password_hash !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toApiKeyInfo(r: ApiKeyRow): ApiKeyInfo {
  return {
    id: r.id,
    accountId: r.account_id,
    userId: r.user_id,
    name: r.name,
    prefix: `igny8_${r.prefix}`,
    role: r.role,
    status: r.status,
    lastUsedAt: r.last_used_at,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    createdBy: null,
  };
}

export function toSite(r: SiteRow): Site {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    slug: r.slug,
    domain: r.domain,
    industry: r.industry,
    status: r.status,
    settings: parseJson<Record<string, unknown>>(r.settings, {}),
    language: r.language,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toSector(r: SectorRow): Sector {
  return {
    id: r.id,
    accountId: r.account_id,
    siteId: r.site_id,
    name: r.name,
    slug: r.slug,
    status: r.status,
    language: r.language ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
