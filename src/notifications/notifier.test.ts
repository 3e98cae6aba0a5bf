import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { addKeywords } from '../../test/chaos/workers/seed-sites.js';
import { startHttpReceiver, startSmtpReceiver } from '../../test/helpers/loopback-receivers.js';
import fs from 'node:fs';
import { freePort } from '../../test/helpers/free-port.js';
import { seedArticle } from '../../test/helpers/seed-content.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { ConfigSchema } from '../config/index.js';
import { createCore, type Core } from '../core.js';

describe.each(DIALECTS)('notifications to channels on %s', (dialect) => {
  let t: TestDb;
  let core: Core;
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await core?.close();
    await t?.close();
    for (const c of closers.splice(0)) await c();
  });

  async function setup() {
    const smtp = await startSmtpReceiver();
    const hook = await startHttpReceiver();
    closers.push(smtp.close, hook.close);
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db, 'a');
    core = await createCore({
      config: ConfigSchema.parse({
        database: { url: t.url },
        mail: { smtpUrl: smtp.url, from: 'igny8 <robot@example.test>' },
        secrets: { keyFile: `${t.dir}/master.key` },
      }),
      baseDir: t.dir,
      db: t,
    });
    await core.models.seed();
    return { smtp, hook, tenant };
  }

  it('a finished run reaches the bell, a signed webhook and an SMTP inbox; a dead channel fails alone', async () => {
    const { smtp, hook, tenant } = await setup();
    const account = { accountId: tenant.accountId };
    const webhook = await core.channels.add(account, { kind: 'webhook', name: 'slack', url: hook.url });
    expect(webhook.secret).toMatch(/^whsec_/);
    expect(webhook.target).toBe(new URL(hook.url).origin);
    await core.channels.add(account, { kind: 'email', name: 'ops', to: 'ops@example.test' });
    await core.channels.add(account, {
      kind: 'webhook',
      name: 'dead',
      url: `http://127.0.0.1:${await freePort()}/gone`,
      secret: 'a-secret-of-sixteen+',
    });

    const failures: string[] = [];
    core.notify.onFailure((line) => failures.push(line));
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId, sectorId: tenant.sectorId };
    await addKeywords(t.db, scope, ['french press ratio', 'french press grind']);
    const run = await core.automation.start(scope, { options: { stages: '1' } });
    expect(run.status).toBe('completed');

    // The bell.
    const notes = await core.notifications.list(account);
    expect(notes.items.map((n) => n.title)).toEqual(['Run completed']);

    // The webhook: Slack-compatible body, HMAC-SHA256 over "<timestamp>.<body>" with the shared secret.
    expect(hook.requests).toHaveLength(1);
    const req = hook.requests[0]!;
    const ts = String(req.headers['x-igny8-timestamp']);
    const expected = `sha256=${createHmac('sha256', webhook.secret!).update(`${ts}.${req.body}`).digest('hex')}`;
    expect(req.headers['x-igny8-signature']).toBe(expected);
    const body = JSON.parse(req.body) as { text: string; blocks: unknown[]; igny8: { event: string } };
    expect(body.text).toContain('Run completed');
    expect(body.blocks).toHaveLength(1);
    expect(body.igny8.event).toBe('run.completed');
    // A wrong secret does not verify.
    expect(createHmac('sha256', 'not-the-secret').update(`${ts}.${req.body}`).digest('hex')).not.toBe(
      expected.slice(7),
    );

    // The SMTP inbox.
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['ops@example.test']);
    expect(smtp.mails[0]!.raw).toContain('Subject: [igny8] Run completed');
    expect(smtp.mails[0]!.raw).toContain(run.id);

    // The dead channel's failure is recorded and shown, and failed nothing else.
    const channels = await core.channels.list(account);
    const byName = Object.fromEntries(channels.map((c) => [c.name, c]));
    expect(byName.slack!.lastDelivery?.status).toBe('sent');
    expect(byName.ops!.lastDelivery?.status).toBe('sent');
    expect(byName.dead!.lastDelivery?.status).toBe('failed');
    expect(byName.dead!.lastDelivery?.error).toBeTruthy();
    // …and logged, naming the channel but not its URL.
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('"dead"');
    expect(failures[0]).not.toContain('/gone');
    // Secrets never come back: not the URL's path, not the signing secret.
    expect(JSON.stringify(channels)).not.toContain('/hook');
    expect(JSON.stringify(channels)).not.toContain(webhook.secret!);
    expect(JSON.stringify(channels)).not.toContain('a-secret-of-sixteen+');

    // Delivered once: another sweep sends nothing again.
    expect(await core.notify.deliverAll()).toEqual({ sent: 0, failed: 0 });
    expect(hook.requests).toHaveLength(1);
  });

  it('usage alerts written by the ledger go out too, filtered by the channel events', async () => {
    const { hook, smtp, tenant } = await setup();
    const account = { accountId: tenant.accountId };
    await core.channels.add(account, {
      kind: 'webhook',
      name: 'credits',
      url: hook.url,
      events: ['credits.low'],
    });
    await core.channels.add(account, {
      kind: 'email',
      name: 'runs',
      to: 'runs@example.test',
      events: ['run.failed'],
    });
    await core.credits.renewPlan(account, { opId: 'p1', amount: 100 });
    await core.credits.charge(account, { opId: 'c1', amount: 85, operation: 'generate_content' });
    expect(await core.notify.deliverAll()).toEqual({ sent: 1, failed: 0 });
    expect(JSON.parse(hook.requests[0]!.body).igny8.event).toBe('credits.low');
    expect(smtp.mails).toHaveLength(0);

    // A failed publish is an event wherever it happens (here: a folder that cannot be created).
    const blocker = `${t.dir}/not-a-folder`;
    fs.writeFileSync(blocker, 'x');
    const site = { accountId: tenant.accountId, siteId: tenant.siteId };
    await core.destinations.upsert(site, {
      kind: 'folder',
      name: 'broken',
      config: { dir: `${blocker}/out` },
    });
    const contentId = await seedArticle(t.db, tenant, 1);
    const [res] = await core.publisher.publish(site, { contentIds: [contentId], when: 'now' });
    expect(res!.status).toBe('failed');
    const failedNote = (await core.notifications.list(account)).items.find(
      (n) => n.title === 'Publishing failed',
    );
    expect(failedNote?.message).toContain('was not published');
    expect(failedNote?.actionUrl).toBe(`/writer/content/${contentId}`);

    const test = await core.channels.test(account, 'runs');
    expect(test).toEqual({ ok: true, detail: 'sent to runs@example.test' });
    expect(smtp.mails).toHaveLength(1);
    await core.channels.remove(account, 'runs');
    expect((await core.channels.list(account)).map((c) => c.name)).toEqual(['credits']);
  });
});
