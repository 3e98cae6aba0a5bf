import type { z } from 'zod';
import type { InviteSchema } from '../api-contract/tenancy.schema.js';
import type { Role } from './scope.js';
import type { ModuleName } from './modules.js';

/** A plan's limits; `null` means unlimited. */
export interface Plan {
  id: string;
  name: string;
  includedCredits: number;
  maxSites: number | null;
  maxUsers: number | null;
  maxKeywords: number | null;
}

export interface Account {
  id: string;
  name: string;
  planId: string;
  timezone: string;
  status: 'active' | 'suspended';
  /** Every module with its state (a module missing from the stored map is enabled). */
  modules: Record<ModuleName, boolean>;
  createdAt: string;
  updatedAt: string;
}

export interface LimitUsage {
  used: number;
  /** null = unlimited */
  limit: number | null;
}

/** An account with its plan and how much of each limit it uses. */
export interface AccountDetails extends Account {
  plan: Plan;
  usage: { sites: LimitUsage; users: LimitUsage; keywords: LimitUsage };
}

export interface User {
  id: string;
  accountId: string;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An API key as listed: never the secret or its hash. */
export interface ApiKeyInfo {
  id: string;
  accountId: string;
  userId: string | null;
  name: string;
  /** What the key starts with, e.g. "igny8_3f9a0c1e", to recognise it. */
  prefix: string;
  role: Role;
  status: 'active' | 'revoked';
  lastUsedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
  /** Who made it (null: made by the CLI, or the person was removed). */
  createdBy: { id: string; email: string; name: string } | null;
}

/** The one moment the raw key exists: it is shown once and only its SHA-256 is stored. */
export interface CreatedApiKey {
  key: string;
  apiKey: ApiKeyInfo;
}

export interface Site {
  id: string;
  accountId: string;
  name: string;
  slug: string;
  domain: string | null;
  industry: string | null;
  status: 'active' | 'inactive';
  settings: Record<string, unknown>;
  /** BCP 47 tag content is written in ('en' unless set). */
  language: string;
  createdAt: string;
  updatedAt: string;
}

export interface SiteSummary extends Site {
  sectorCount: number;
}

export interface Sector {
  id: string;
  accountId: string;
  siteId: string;
  name: string;
  slug: string;
  status: 'active' | 'inactive';
  /** BCP 47 tag that overrides the site's language; null inherits it. */
  language: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An email invitation and where it stands. */
export type Invite = z.infer<typeof InviteSchema>;
