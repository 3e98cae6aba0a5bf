export {
  createAuthService,
  REFRESH_TTL_SECONDS,
  RESET_TTL_SECONDS,
  type AuthService,
  type AuthServiceOptions,
  type PasswordResetIssued,
} from './auth.service.js';
export type { AuthTenancyPort, AuthUser, Authenticated } from './auth.types.js';
export {
  ACCESS_TTL_SECONDS,
  JWT_AUDIENCE,
  JWT_ISSUER,
  createAccessTokens,
  type AccessClaims,
  type AccessTokens,
} from './jwt.js';
export { loadJwtSecret } from './jwt-secret.js';
