import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { mailText, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

/** The value after `label` in a received mail (codes and links are on one line). */
function grab(raw: string, pattern: RegExp): string {
  const m = pattern.exec(mailText(raw));
  if (!m) throw new Error(`${pattern} not in mail:\n${mailText(raw)}`);
  return m[1]!;
}

describe.each(DIALECTS)('invites, sign-up and reset codes by email on %s', (dialect) => {
  let sink: SmtpSink;
  let h: Harness;
  let a: Tenant;
  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await startHarness(dialect, {
      config: {
        mail: { smtpUrl: sink.url, from: 'igny8 <team@example.com>' },
        server: { registration: 'invite' },
      },
    });
    a = await h.makeTenant('a');
  });
  afterAll(async () => {
    await h?.close();
    await sink?.close();
  });

  it('invite mode refuses open sign-up; an admin invites by email; the invitee joins once', async () => {
    const signup = await call(h.base, 'post', '/auth/register', {
      body: { email: 'walk-in@example.com', password: 'a long enough password', accountName: 'Walk-in' },
    });
    expect([signup.status, signup.json.error]).toEqual([403, expect.stringContaining('by invitation')]);

    const admin = await h.token(a.users.admin, a.accountId);
    const editor = await h.token(a.users.editor, a.accountId);
    const byEditor = await call(h.base, 'post', '/invites', {
      token: editor,
      body: { email: 'x@example.com' },
    });
    expect(byEditor.status).toBe(403);
    const sent = await call(h.base, 'post', '/invites', {
      token: admin,
      body: { email: 'New.Writer@example.com', role: 'editor' },
    });
    expect(sent.status).toBe(201);
    expect(sent.json.data).toMatchObject({
      delivery: 'email',
      invite: { email: 'new.writer@example.com', status: 'pending' },
    });
    expect(sent.text).not.toMatch(/igi_/);

    const mail = await sink.waitFor((m) => m.to.includes('new.writer@example.com'));
    const token = grab(mail.raw, /Invite code: (igi_[A-Za-z0-9_-]+)/);
    expect(mailText(mail.raw)).toContain(`/invite?token=${token}`);

    const preview = await call(h.base, 'post', '/invites/preview', { body: { token } });
    expect(preview.json.data).toMatchObject({
      email: 'new.writer@example.com',
      role: 'editor',
      accountName: expect.stringContaining('Account'),
    });
    const joined = await call(h.base, 'post', '/invites/accept', {
      body: { token, name: 'New Writer', password: 'my own long password' },
    });
    expect(joined.status).toBe(201);
    expect(joined.json.data.user).toMatchObject({
      accountId: a.accountId,
      role: 'editor',
      email: 'new.writer@example.com',
    });
    const login = await call(h.base, 'post', '/auth/login', {
      body: { email: 'new.writer@example.com', password: 'my own long password' },
    });
    expect(login.status).toBe(200);
    const again = await call(h.base, 'post', '/invites/accept', {
      body: { token, password: 'another long password' },
    });
    expect([again.status, again.json.code]).toEqual([410, 'INVITE_EXPIRED']);
    const list = await call(h.base, 'get', '/invites', { token: admin });
    expect(list.json.data.results[0]).toMatchObject({ email: 'new.writer@example.com', status: 'accepted' });
  });

  it('an admin cannot invite above their role; a revoked invite is dead', async () => {
    const admin = await h.token(a.users.admin, a.accountId);
    const owner = await call(h.base, 'post', '/invites', {
      token: admin,
      body: { email: 'boss@example.com', role: 'owner' },
    });
    expect(owner.status).toBe(400);
    const sent = await call(h.base, 'post', '/invites', {
      token: admin,
      body: { email: 'gone@example.com', role: 'viewer' },
    });
    const mail = await sink.waitFor((m) => m.to.includes('gone@example.com'));
    const token = grab(mail.raw, /Invite code: (igi_[A-Za-z0-9_-]+)/);
    const revoked = await call(h.base, 'delete', `/invites/${sent.json.data.invite.id}`, { token: admin });
    expect(revoked.json.data.status).toBe('revoked');
    const accept = await call(h.base, 'post', '/invites/accept', {
      body: { token, password: 'a long enough password' },
    });
    expect(accept.status).toBe(410);
  });

  it('the password reset code arrives by email (not in the log) and works once', async () => {
    const email = a.users.viewer.email;
    const res = await call(h.base, 'post', '/auth/password/reset', { body: { email } });
    expect(res.status).toBe(200);
    const mail = await sink.waitFor((m) => m.to.includes(email) && /reset code/i.test(m.raw));
    const code = grab(mail.raw, /Reset code: (\S+)/);
    expect(h.logs.join('\n')).not.toContain(code);
    const done = await call(h.base, 'post', '/auth/password/reset/confirm', {
      body: { token: code, newPassword: 'a brand new password' },
    });
    expect(done.status).toBe(200);
    const login = await call(h.base, 'post', '/auth/login', {
      body: { email, password: 'a brand new password' },
    });
    expect(login.status).toBe(200);
  });
});

describe.each(DIALECTS)('new tenants are not stranded on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect, { config: { server: { registration: 'open' } } });
  });
  afterAll(async () => h?.close());

  it("sign-up grants the plan's included credits once; a plan change adjusts the allowance", async () => {
    const reg = await call(h.base, 'post', '/auth/register', {
      body: { email: 'solo@example.com', password: 'a long enough password', accountName: 'Solo' },
    });
    expect(reg.status).toBe(201);
    const token = reg.json.data.accessToken;
    const bal = await call(h.base, 'get', '/credits/balance', { token });
    expect(bal.json.data).toMatchObject({ available: 100, planAllowance: 100 });
    const scope = { accountId: reg.json.data.user.accountId };
    const tx = await h.core.credits.history(scope);
    expect(tx.items.map((t) => t.opId)).toEqual(['signup:plan-grant']);
    await h.core.tenancy.updateAccount(scope, { planId: 'starter' });
    const after = await h.core.credits.balance(scope);
    expect([after.plan, after.planAllowance]).toEqual([1000, 1000]);
  });
});
