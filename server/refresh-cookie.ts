import type { Request, Response } from 'express';
import type { AuthSession } from '../src/api-contract/index.js';

export const REFRESH_COOKIE = 'igny8_refresh';
/** Only the refresh route ever receives the cookie: no other request carries the refresh token. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth/refresh';
/** A browser asks for cookie mode: the refresh token then never reaches JavaScript. */
export const SESSION_MODE_HEADER = 'x-igny8-session';

export function wantsCookie(req: Request): boolean {
  return req.get(SESSION_MODE_HEADER) === 'cookie';
}

/** The refresh token from the httpOnly cookie (Express 5 parses no cookies by itself). */
export function readRefreshCookie(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === REFRESH_COOKIE) {
      const value = decodeURIComponent(part.slice(eq + 1).trim());
      return value || undefined;
    }
  }
  return undefined;
}

/**
 * Put the session's refresh token in an httpOnly, SameSite=Strict cookie scoped to the refresh route,
 * and in cookie mode leave it out of the body so page scripts never see it.
 */
export function deliverSession(req: Request, res: Response, session: AuthSession): AuthSession {
  if (!wantsCookie(req) || !session.refreshToken) return session;
  res.cookie(REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: REFRESH_COOKIE_PATH,
    maxAge: session.refreshExpiresIn * 1000,
  });
  const { refreshToken: _inCookie, ...rest } = session;
  return rest;
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: REFRESH_COOKIE_PATH,
  });
}
