import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/helpers/free-port.js';
import { mailText, startSmtpSink, type SmtpSink } from '../../test/helpers/smtp-sink.js';
import type { Igny8Error } from '../errors/index.js';
import { createMailer } from './mailer.js';

describe('mailer against a real SMTP server on loopback', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => sink?.close());

  it('sends a message with the configured sender and returns its id', async () => {
    const mailer = createMailer({ smtpUrl: sink.url, from: 'igny8 <team@example.com>' });
    expect(mailer.configured).toBe(true);
    const id = await mailer.send({ to: 'ann@example.com', subject: 'Hello', text: 'Code: 123-456' });
    expect(id).toMatch(/@/);
    const mail = await sink.waitFor((m) => m.to.includes('ann@example.com'));
    expect(mail.from).toBe('team@example.com');
    expect(mailText(mail.raw)).toContain('Code: 123-456');
    expect(mail.raw).toMatch(/^Subject: Hello/m);
    mailer.close();
  });

  it('says so when no SMTP server is configured, and never names credentials when sending fails', async () => {
    const none = createMailer({ from: 'x@example.com' });
    expect(none.configured).toBe(false);
    const notConfigured = await none.send({ to: 'a@example.com', subject: 's', text: 't' }).catch((e) => e);
    expect((notConfigured as Igny8Error).code).toBe('MAIL_NOT_CONFIGURED');
    const port = await freePort();
    const broken = createMailer({
      smtpUrl: `smtp://user:s3cret-pass@127.0.0.1:${port}`,
      from: 'x@example.com',
    });
    const failed = (await broken
      .send({ to: 'a@example.com', subject: 's', text: 't' })
      .catch((e) => e)) as Igny8Error;
    expect(failed.code).toBe('MAIL_SEND_FAILED');
    expect(failed.message).toContain(`127.0.0.1:${port}`);
    expect(failed.message).not.toContain('s3cret-pass');
    broken.close();
  });
});
