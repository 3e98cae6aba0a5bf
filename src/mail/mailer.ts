import type { Igny8Config } from '../config/index.js';
import { Igny8Error } from '../errors/index.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Outgoing mail over SMTP (nodemailer, loaded on first send so CLI start stays fast). */
export interface Mailer {
  /** True when `mail.smtpUrl` is set; callers decide what to do otherwise (e.g. log in development). */
  readonly configured: boolean;
  /** Send one message; resolves with the SMTP message id. Throws MAIL_NOT_CONFIGURED or MAIL_SEND_FAILED. */
  send(message: MailMessage): Promise<string>;
  close(): void;
}

/**
 * Example: `await createMailer(config.mail).send({ to, subject, text })`.
 * The SMTP URL may carry credentials; it is never logged or echoed (errors name only the host).
 */
export function createMailer(mail: Igny8Config['mail']): Mailer {
  let transport: Promise<{ sendMail: (m: object) => Promise<{ messageId: string }>; close(): void }> | null =
    null;
  const getTransport = () => {
    transport ??= import('nodemailer').then((m) => m.default.createTransport(mail.smtpUrl!));
    return transport;
  };
  const host = () => {
    try {
      return new URL(mail.smtpUrl!).host;
    } catch {
      return 'the SMTP server';
    }
  };
  return {
    configured: Boolean(mail.smtpUrl),
    async send(message) {
      if (!mail.smtpUrl) {
        throw new Igny8Error('MAIL_NOT_CONFIGURED', 'no SMTP server is configured', {
          hint: 'Set mail.smtpUrl in igny8.config (or IGNY8_SMTP_URL).',
        });
      }
      try {
        const t = await getTransport();
        const info = await t.sendMail({ from: mail.from, ...message });
        return info.messageId;
      } catch (err) {
        throw new Igny8Error(
          'MAIL_SEND_FAILED',
          `sending mail through ${host()} failed: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
    },
    close() {
      if (transport) void transport.then((t) => t.close()).catch(() => {});
    },
  };
}
