import { z } from 'zod';
import { EmailSchema, PasswordSchema, RoleSchema } from '../api-contract/auth.schema.js';
import { LanguageSchema } from '../util/language.js';
import { MODULES } from './modules.js';

const NameSchema = z.string().trim().min(1, { message: 'must not be empty' }).max(120);

export const SlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: 'expected lowercase letters, digits and single dashes, e.g. "my-blog"',
  });

export const TimezoneSchema = z
  .string()
  .trim()
  .refine(isTimezone, { message: 'expected an IANA timezone such as "UTC" or "Europe/Berlin"' });

function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

/** A site's domain: a host name (scheme and path are dropped), kept lowercase. */
export const DomainSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    try {
      const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`).host.toLowerCase();
      if (/^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d+)?$/.test(host)) return host;
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'expected a domain such as "example.com"' });
    return z.NEVER;
  });

export const ModuleNameSchema = z.enum(MODULES, {
  message: `expected one of: ${MODULES.join(', ')}`,
});

export const PlanIdSchema = z.string().trim().min(1).max(64);

export const AccountCreateSchema = z.object({
  name: NameSchema,
  planId: PlanIdSchema.optional(),
  timezone: TimezoneSchema.default('UTC'),
});
export type AccountCreate = z.input<typeof AccountCreateSchema>;

export const AccountUpdateSchema = z
  .object({ name: NameSchema, timezone: TimezoneSchema, planId: PlanIdSchema })
  .partial()
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'give at least one of name, timezone, plan',
  });
export type AccountUpdate = z.input<typeof AccountUpdateSchema>;

export const ModulesChangeSchema = z.object({
  enable: z.array(ModuleNameSchema).default([]),
  disable: z.array(ModuleNameSchema).default([]),
});
export type ModulesChange = z.input<typeof ModulesChangeSchema>;

export const UserAddSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().max(120).default(''),
  role: RoleSchema.default('editor'),
  /** Omit to create a user who signs in only after a password is set. */
  password: PasswordSchema.optional(),
});
export type UserAdd = z.input<typeof UserAddSchema>;

export const ApiKeyCreateSchema = z.object({
  name: NameSchema,
  role: RoleSchema.default('editor'),
  /** The user the key belongs to (it stops working when that user is disabled). */
  userId: z.string().min(1).nullish(),
});
export type ApiKeyCreate = z.input<typeof ApiKeyCreateSchema>;

export const SiteAddSchema = z.object({
  name: NameSchema,
  slug: SlugSchema.optional(),
  domain: DomainSchema.nullish(),
  industry: z.string().trim().max(120).nullish(),
  settings: z.record(z.string(), z.unknown()).default({}),
  language: LanguageSchema.optional(),
});
export type SiteAdd = z.input<typeof SiteAddSchema>;

export const SiteUpdateSchema = z
  .object({
    name: NameSchema,
    slug: SlugSchema,
    /** null clears it */
    domain: DomainSchema.nullable(),
    industry: z.string().trim().max(120).nullable(),
    status: z.enum(['active', 'inactive']),
    /** Merged into the stored settings; a key set to null is removed. */
    settings: z.record(z.string(), z.unknown()),
    /** BCP 47 tag content is written in. */
    language: LanguageSchema,
  })
  .partial()
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'give at least one field to change',
  });
export type SiteUpdate = z.input<typeof SiteUpdateSchema>;

export const SectorAddSchema = z.object({
  name: NameSchema,
  slug: SlugSchema.optional(),
  language: LanguageSchema.nullish(),
});

export const SectorUpdateSchema = z
  .object({
    name: NameSchema,
    /** null inherits the site's language. */
    language: LanguageSchema.nullable(),
  })
  .partial()
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'give at least one field to change',
  });
export type SectorUpdate = z.input<typeof SectorUpdateSchema>;
export type SectorAdd = z.input<typeof SectorAddSchema>;

export const InitProjectSchema = z.object({
  email: EmailSchema,
  /** Omit to have one generated (returned once). */
  password: PasswordSchema.optional(),
  accountName: NameSchema,
  siteName: NameSchema,
  sectorName: NameSchema,
  planId: PlanIdSchema.optional(),
  timezone: TimezoneSchema.default('UTC'),
  databaseUrl: z
    .string()
    .trim()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, {
      message: 'expected "sqlite:<path>" or "postgres://user@host:port/db"',
    })
    .optional(),
  force: z.boolean().default(false),
});
export type InitProjectInput = z.input<typeof InitProjectSchema>;
