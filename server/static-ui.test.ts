import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../test/api/http.js';
import { findDashboardDir, mountDashboard } from './static-ui.js';

function fakeBuild(root: string): string {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(root, 'assets', 'app-abc123.js'), 'console.log(1)');
  return root;
}

describe('mountDashboard', () => {
  let dir: string;
  let srv: Listening;

  beforeAll(async () => {
    dir = fakeBuild(fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-static-')));
    const app = express();
    mountDashboard(app, dir);
    // Stands in for the API mounted after it.
    app.use('/api/v1', (_req, res) => void res.status(404).json({ success: false, code: 'NOT_FOUND' }));
    srv = await listen(app);
  });
  afterAll(async () => {
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers every dashboard path with index.html and its own security policy', async () => {
    for (const p of ['/', '/planner/clusters', '/writer/content/abc']) {
      const res = await fetch(`${srv.base}${p}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year and a missing asset as a 404, never as index.html', async () => {
    const js = await fetch(`${srv.base}/assets/app-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/max-age=31536000/);
    const missing = await fetch(`${srv.base}/assets/gone.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<div id="root">');
  });

  it('leaves /api paths to the API', async () => {
    for (const p of ['/api/v1', '/api/v1/nothing/here']) {
      const res = await fetch(`${srv.base}${p}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('refuses a folder without a build', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-static-empty-'));
    expect(() => mountDashboard(express(), empty)).toThrow(/No dashboard build/);
    fs.rmSync(empty, { recursive: true, force: true });
  });
});

describe('findDashboardDir', () => {
  it('finds dist/ui beside dist/server (package) or under the repository (source), not the source ui/', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-find-'));
    try {
      // Source checkout: server/ and ui/ (sources only, no assets) — nothing built yet.
      fs.mkdirSync(path.join(root, 'server'));
      fs.mkdirSync(path.join(root, 'ui'));
      fs.writeFileSync(path.join(root, 'ui', 'index.html'), '<script src="/src/main.tsx"></script>');
      expect(findDashboardDir(path.join(root, 'server'))).toBeNull();
      // After the UI build: dist/ui, found from the source server/ and from the built dist/server/.
      fakeBuild(path.join(root, 'dist', 'ui'));
      expect(findDashboardDir(path.join(root, 'server'))).toBe(path.join(root, 'dist', 'ui'));
      expect(findDashboardDir(path.join(root, 'dist', 'server'))).toBe(path.join(root, 'dist', 'ui'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
