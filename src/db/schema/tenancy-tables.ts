import type { Generated } from 'kysely';
import type {
  ACCOUNT_STATUSES,
  ACTIVE_STATUSES,
  API_KEY_STATUSES,
  USER_STATUSES,
} from '../../api-contract/enum-values.js';
import type { ROLES } from '../../api-contract/auth.schema.js';
import type { INVITE_ROLES } from '../../api-contract/tenancy.schema.js';

type Role = (typeof ROLES)[number];

/** Tenancy: plans, accounts, users and their credentials, sites and sectors. */
export interface PlansTable {
  id: string;
  name: string;
  included_credits: number;
  max_sites: number;
  max_users: number;
  max_keywords: number;
  created_at: string;
}

export interface AccountsTable {
  id: string;
  name: string;
  plan_id: string;
  timezone: string;
  status: (typeof ACCOUNT_STATUSES)[number];
  /** JSON: { [module]: boolean } — missing means enabled. */
  modules: string;
  /** JSON: account-level settings (voice, defaults). */
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  account_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: Role;
  status: (typeof USER_STATUSES)[number];
  created_at: string;
  updated_at: string;
}

export interface ApiKeysTable {
  id: string;
  account_id: string;
  user_id: string | null;
  name: string;
  prefix: string;
  hash: string;
  role: Role;
  scopes: string;
  status: (typeof API_KEY_STATUSES)[number];
  /** The user who made the key (0008); null for older keys and CLI-made ones. */
  created_by: string | null;
  last_used_at: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface RefreshTokensTable {
  id: string;
  account_id: string;
  user_id: string;
  token_hash: string;
  family: string;
  expires_at: string;
  revoked_at: string | null;
  /** When it was traded for its successor (0008); null when never rotated. */
  rotated_at: string | null;
  created_at: string;
}

export interface PasswordResetsTable {
  id: string;
  account_id: string;
  user_id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface SitesTable {
  id: string;
  account_id: string;
  name: string;
  slug: string;
  domain: string | null;
  industry: string | null;
  status: (typeof ACTIVE_STATUSES)[number];
  /** JSON: publishing settings (mode, slots, limits, auto-approve …). */
  settings: string;
  /** BCP 47 tag content is written in (0021); 'en' unless set. */
  language: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface SectorsTable {
  id: string;
  account_id: string;
  site_id: string;
  name: string;
  slug: string;
  status: (typeof ACTIVE_STATUSES)[number];
  /** BCP 47 tag that overrides the site's language (0021); null inherits it. */
  language: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

/** An email invitation to join an account (0008); the token is stored as SHA-256 only. */
export interface InvitesTable {
  id: string;
  account_id: string;
  email: string;
  role: (typeof INVITE_ROLES)[number];
  token_hash: string;
  invited_by: string | null;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  created_at: string;
}
