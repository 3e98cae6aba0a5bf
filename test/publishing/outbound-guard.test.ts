import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, parseConfig, type Core } from '../../src/index.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

/**
 * In server mode (`igny8 serve`, `igny8 worker`) a stored destination URL must not reach the host's
 * own network, even when it was saved without a connection check; the CLI operator may.
 */
describe('outbound publishing URLs', () => {
  let t: TestDb;
  let server: http.Server;
  const cores: Core[] = [];
  let hits = 0;

  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close().catch(() => undefined);
    server?.close();
    await t?.close();
  });

  async function publishWith(guardOutboundUrls: boolean, allowPrivateUrls = false) {
    const core = await createCore({
      config: parseConfig({ server: { allowPrivateUrls } }),
      db: t,
      baseDir: t.dir,
      guardOutboundUrls,
    });
    cores.push(core);
    const tenant = await seedTenant(t.db, `g${cores.length}`);
    await seedArticle(t.db, tenant, 1);
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    const port = (server.address() as { port: number }).port;
    await core.destinations.upsert(scope, {
      kind: 'webhook',
      name: 'hook',
      config: { url: `http://127.0.0.1:${port}/hook` },
      secret: 'whsec_0123456789abcdef',
    });
    const [res] = await core.publisher.publish(scope, { when: 'now' });
    return res!;
  }

  it('refuses a loopback webhook in server mode, and allows it to the CLI or when the config says so', async () => {
    t = await createTestDb('sqlite');
    server = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

    const guarded = await publishWith(true);
    expect(guarded.status).toBe('failed');
    expect(guarded.error).toMatch(/private|loopback|not allowed/i);
    expect(hits).toBe(0);

    expect((await publishWith(false)).status).toBe('published');
    expect(hits).toBe(1);
    expect((await publishWith(true, true)).status).toBe('published');
    expect(hits).toBe(2);
  });
});
