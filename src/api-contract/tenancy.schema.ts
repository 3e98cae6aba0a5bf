import { z } from 'zod';
import { ACCOUNT_STATUSES, ACTIVE_STATUSES, API_KEY_STATUSES, USER_STATUSES } from './enum-values.js';
import { EmailSchema, PasswordSchema, RoleSchema } from './auth.schema.js';

// Shapes mirror src/tenancy's domain types; the services validate again with their own schemas.

export const MODULE_NAMES = [
  'planner',
  'writer',
  'images',
  'automation',
  'publishing',
  'linker',
  'optimizer',
] as const;
export const ModuleNameSchema = z.enum(MODULE_NAMES);

/** A BCP 47 language tag such as de, es, ja or pt-BR (checked again, and canonicalized, by the core). */
const Language = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, {
    message: 'expected a BCP 47 tag such as de, es, ja or pt-BR',
  });
const Name = z.string().trim().min(1).max(120);
const Timezone = z.string().trim().min(1).max(64).describe('IANA timezone, e.g. "Europe/Berlin".');
const Slug = z
  .string()
  .trim()
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'expected lowercase letters, digits and single dashes' });

const Domain = z
  .string()
  .trim()
  .max(253)
  .regex(/^([a-z][a-z0-9+.-]*:\/\/)?(localhost|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)(:\d+)?(\/.*)?$/, {
    message: 'expected a domain such as "example.com"',
  })
  .describe('Host name, e.g. "example.com" (a URL is reduced to its host).');

export const PlanSchema = z.object({
  id: z.string(),
  name: z.string(),
  includedCredits: z.number().int(),
  maxSites: z.number().int().nullable().describe('null = unlimited'),
  maxUsers: z.number().int().nullable(),
  maxKeywords: z.number().int().nullable(),
});

export const ModuleStatesSchema = z
  .record(z.string(), z.boolean())
  .describe('Every module and whether it is enabled.');

export const AccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  planId: z.string(),
  timezone: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  modules: ModuleStatesSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

const LimitUsageSchema = z.object({ used: z.number().int(), limit: z.number().int().nullable() });

export const AccountDetailsSchema = AccountSchema.extend({
  plan: PlanSchema,
  usage: z.object({ sites: LimitUsageSchema, users: LimitUsageSchema, keywords: LimitUsageSchema }),
});

export const AccountUpdateRequestSchema = z
  .object({ name: Name.optional(), timezone: Timezone.optional() })
  .refine((p) => p.name !== undefined || p.timezone !== undefined, { message: 'give name or timezone' });

export const ModulesChangeRequestSchema = z.object({
  enable: z.array(ModuleNameSchema).max(MODULE_NAMES.length).optional(),
  disable: z.array(ModuleNameSchema).max(MODULE_NAMES.length).optional(),
});

export const ModuleStateSchema = z.object({ name: ModuleNameSchema, enabled: z.boolean() });

export const UserSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  status: z.enum(USER_STATUSES),
  hasPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const UserParamsSchema = z.object({
  userId: z.string().min(1).max(254).describe('User id or email.'),
});

export const UserCreateRequestSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().max(120).optional(),
  role: RoleSchema.optional().describe('Default editor.'),
  password: PasswordSchema.optional().describe('Omit to let the user set one later via a password reset.'),
});

export const UserRoleRequestSchema = z.object({ role: RoleSchema });
export const UserPasswordRequestSchema = z.object({ password: PasswordSchema });

export const INVITE_ROLES = ['admin', 'editor', 'viewer'] as const;
export const InviteRoleSchema = z.enum(INVITE_ROLES);

export const InviteSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  email: z.string(),
  role: InviteRoleSchema,
  invitedBy: z.string().nullable().describe('Id of the user who sent it.'),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: z.string(),
  createdAt: z.string(),
});

export const InviteCreateRequestSchema = z.object({
  email: EmailSchema,
  role: InviteRoleSchema.default('editor').describe('Never above your own role.'),
});

export const InviteCreatedSchema = z.object({
  invite: InviteSchema,
  delivery: z
    .enum(['email', 'log', 'none'])
    .describe(
      'email: sent; log: no SMTP in development, the link is in the server log; none: no SMTP configured.',
    ),
});

export const InviteParamsSchema = z.object({ inviteId: z.string().min(1).max(100) });

export const InviteTokenRequestSchema = z.object({ token: z.string().min(10).max(200) });

export const InvitePreviewSchema = z.object({
  email: z.string(),
  role: InviteRoleSchema,
  accountName: z.string(),
  expiresAt: z.string(),
});

export const InviteAcceptRequestSchema = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().max(120).optional(),
  password: PasswordSchema,
});

export const ApiKeySchema = z.object({
  id: z.string(),
  accountId: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  prefix: z.string().describe('What the key starts with, to recognise it.'),
  role: RoleSchema,
  status: z.enum(API_KEY_STATUSES),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  createdBy: z
    .object({ id: z.string(), email: z.string(), name: z.string() })
    .nullable()
    .describe('Who made the key (null: the CLI on the server).'),
});

export const ApiKeyCreateRequestSchema = z.object({
  name: Name,
  role: RoleSchema.optional().describe('Default editor; never above your own role.'),
  userId: z
    .string()
    .min(1)
    .max(100)
    .nullish()
    .describe('Only yourself: a key belongs to the user who creates it.'),
});

export const CreatedApiKeySchema = z.object({
  key: z.string().describe('The secret, shown this once; only its SHA-256 is stored.'),
  apiKey: ApiKeySchema,
});

export const ApiKeyParamsSchema = z.object({
  apiKeyId: z.string().min(1).max(100).describe('Key id or prefix.'),
});

export const SiteSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  slug: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  status: z.enum(ACTIVE_STATUSES),
  settings: z.record(z.string(), z.unknown()),
  language: z.string().describe('BCP 47 tag content is written in (en unless set).'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SiteSummarySchema = SiteSchema.extend({ sectorCount: z.number().int() });

export const SiteParamsSchema = z.object({ siteId: z.string().min(1).max(100).describe('Site id or slug.') });

export const SiteCreateRequestSchema = z.object({
  name: Name,
  slug: Slug.optional(),
  domain: Domain.nullish(),
  industry: z.string().trim().max(120).nullish(),
  settings: z.record(z.string(), z.unknown()).optional().describe('Publishing settings.'),
  language: Language.optional(),
});

export const SiteUpdateRequestSchema = z
  .object({
    name: Name.optional(),
    slug: Slug.optional(),
    domain: Domain.nullable().optional(),
    industry: z.string().trim().max(120).nullable().optional(),
    status: z.enum(ACTIVE_STATUSES).optional(),
    settings: z.record(z.string(), z.unknown()).optional().describe('Merged; a key set to null is removed.'),
    language: Language.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'give at least one field to change',
  });

export const SectorSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  siteId: z.string(),
  name: z.string(),
  slug: z.string(),
  status: z.enum(ACTIVE_STATUSES),
  language: z.string().nullable().describe("BCP 47 tag overriding the site's; null inherits it."),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SectorParamsSchema = SiteParamsSchema.extend({
  sectorId: z.string().min(1).max(100).describe('Sector id or slug.'),
});

export const SectorCreateRequestSchema = z.object({
  name: Name,
  slug: Slug.optional(),
  language: Language.nullish(),
});

export const SectorUpdateRequestSchema = z
  .object({
    name: Name.optional(),
    language: Language.nullable().optional().describe("null inherits the site's language."),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'give at least one field to change',
  });
