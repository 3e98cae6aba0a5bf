import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { API_PREFIX } from './openapi.js';

/**
 * The dashboard's own policy (it replaces helmet's default on its responses): scripts and styles
 * from this origin only; images also as data: URLs (access-checked image files are fetched with
 * the token and shown inline) and over https (an article's own images in the preview); and no
 * upgrade-insecure-requests, so a plain-HTTP install on a LAN still loads its assets.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Where the built dashboard is: `dist/ui` next to `dist/server` in the package, or `dist/ui` under
 * the repository when running from source. Null when it was never built.
 */
export function findDashboardDir(from = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (const dir of [path.resolve(from, '../ui'), path.resolve(from, '../dist/ui')]) {
    // The source folder ui/ has an index.html too; only a build has assets/.
    if (fs.existsSync(path.join(dir, 'index.html')) && fs.existsSync(path.join(dir, 'assets'))) return dir;
  }
  return null;
}

function uiHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * Serve the built dashboard from `distDir`: hashed assets cached for a year, everything else that
 * is a GET outside the API answered with index.html (the dashboard routes in the browser). Mount it
 * after the API routes and before the API's not-found handler.
 */
export function mountDashboard(app: Express, distDir: string): void {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`No dashboard build at ${distDir} (run the UI build first)`);
  }
  const html = fs.readFileSync(index);
  app.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), {
      immutable: true,
      maxAge: '1y',
      index: false,
      setHeaders: uiHeaders,
    }),
  );
  // A missing asset is a 404, never index.html served as a script.
  app.use('/assets', (_req: Request, res: Response) => {
    res.status(404).type('text').send('Not found');
  });
  app.get('/{*splat}', (req: Request, res: Response, next: NextFunction) => {
    if (req.path === API_PREFIX || req.path.startsWith(`${API_PREFIX}/`)) return next();
    uiHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(html);
  });
}
