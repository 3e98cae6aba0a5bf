import { z } from 'zod';

export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES);

export const EmailSchema = z
  .email({ message: 'expected an email address like name@example.com' })
  .max(254)
  .toLowerCase();

// Argon2 over a megabyte of "password" is a denial of service; 256 characters is plenty.
export const PasswordSchema = z
  .string()
  .min(8, { message: 'use at least 8 characters' })
  .max(256, { message: 'use at most 256 characters' });

export const RegisterRequestSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  name: z.string().trim().max(120).optional().describe('Your name.'),
  accountName: z.string().trim().min(1).max(120).describe('Name of the new account (team or company).'),
  timezone: z.string().trim().min(1).max(64).optional().describe('IANA timezone, e.g. Europe/Berlin.'),
});
export type RegisterRequest = z.infer<typeof RegisterRequestSchema>;

export const LoginRequestSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const RefreshRequestSchema = z.object({
  refreshToken: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .describe('Omit in cookie mode: the igny8_refresh httpOnly cookie carries it.'),
});
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const LogoutRequestSchema = z.object({
  refreshToken: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .describe('Ends this session; omit to end the current one.'),
});

export const PasswordChangeRequestSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: PasswordSchema,
});
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequestSchema>;

export const PasswordResetRequestSchema = z.object({ email: EmailSchema });

export const PasswordResetConfirmSchema = z.object({
  token: z.string().min(1).max(512),
  newPassword: PasswordSchema,
});
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirmSchema>;

export const TokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z
    .string()
    .optional()
    .describe(
      'Absent in cookie mode (header x-igny8-session: cookie): the token is in the httpOnly cookie only.',
    ),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('Seconds until the access token expires.'),
  refreshExpiresIn: z.number().int().describe('Seconds until the refresh token expires.'),
});
export type TokenPair = z.infer<typeof TokenPairSchema>;

export const SessionUserSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
});

export const AuthSessionSchema = TokenPairSchema.extend({ user: SessionUserSchema });
export type AuthSession = z.infer<typeof AuthSessionSchema>;

export const MeSchema = z.object({
  user: SessionUserSchema.nullable().describe('Null when the caller is an API key with no user.'),
  account: z.object({ id: z.string(), name: z.string(), status: z.string() }),
  role: RoleSchema,
  via: z.enum(['jwt', 'apikey']),
  apiKeyId: z.string().optional(),
});
export type Me = z.infer<typeof MeSchema>;
