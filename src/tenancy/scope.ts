/**
 * Every repository function for tenant data takes a Scope first: there is no unscoped path.
 * siteId/sectorId narrow it further where the table carries them.
 */
export interface Scope {
  accountId: string;
  siteId?: string;
  sectorId?: string;
}

export type SiteScope = Scope & { siteId: string };
export type SectorScope = Scope & { siteId: string; sectorId: string };

export type Role = 'owner' | 'admin' | 'editor' | 'viewer';

/** Who is acting: a user (CLI owner, JWT) or an API key, with a role. */
export interface Actor {
  accountId: string;
  userId: string | null;
  apiKeyId?: string;
  role: Role;
}
