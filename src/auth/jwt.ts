import { Igny8Error } from '../errors/index.js';

export const JWT_ISSUER = 'igny8';
export const JWT_AUDIENCE = 'igny8-api';
/** Access tokens live 15 minutes; the refresh token (7 days) renews them. */
export const ACCESS_TTL_SECONDS = 15 * 60;

export interface AccessClaims {
  userId: string;
  accountId: string;
  /** The session (refresh-token family) the token was issued for. */
  sessionId: string;
}

export interface AccessTokens {
  sign(claims: AccessClaims, now?: Date): Promise<string>;
  /** Verify signature, algorithm, issuer, audience, expiry and type; TOKEN_INVALID otherwise. */
  verify(token: string, now?: Date): Promise<AccessClaims>;
}

/**
 * HS256 access tokens. The algorithm is an allow-list of one, so a token signed with "none" or an
 * asymmetric algorithm is refused before its claims are read.
 */
export function createAccessTokens(secret: Uint8Array, ttlSeconds = ACCESS_TTL_SECONDS): AccessTokens {
  if (secret.length < 32)
    throw new Igny8Error('SECRET_KEY_MISSING', 'The JWT secret is shorter than 32 bytes');
  return {
    async sign(claims, now = new Date()) {
      // jose ships only ES modules: loaded where used, not by every command (P11).
      const { SignJWT } = await import('jose');
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ acc: claims.accountId, sid: claims.sessionId, typ: 'access' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.userId)
        .setIssuer(JWT_ISSUER)
        .setAudience(JWT_AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(secret);
    },
    async verify(token, now = new Date()) {
      const { errors: joseErrors, jwtVerify } = await import('jose');
      try {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: ['HS256'],
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
          currentDate: now,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        const { sub, acc, sid, typ } = payload;
        if (typ !== 'access' || typeof sub !== 'string' || typeof acc !== 'string' || typeof sid !== 'string')
          throw new Igny8Error('TOKEN_INVALID', 'The access token is missing required claims');
        return { userId: sub, accountId: acc, sessionId: sid };
      } catch (err) {
        if (err instanceof Igny8Error) throw err;
        const expired = err instanceof joseErrors.JWTExpired;
        throw new Igny8Error(
          'TOKEN_INVALID',
          expired ? 'The access token has expired' : 'The access token is invalid',
          {
            hint: expired ? 'Get a new one with POST /api/v1/auth/refresh.' : 'Sign in again.',
          },
        );
      }
    },
  };
}
