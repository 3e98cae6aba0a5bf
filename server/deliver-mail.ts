import type { MailMessage } from '../src/mail/index.js';
import type { ServerDeps } from './route.js';

export type Delivery = 'email' | 'log' | 'none';

/**
 * Send a message that carries a one-time secret (an invite link, a reset code). Without SMTP, a
 * development server writes `logLine` (which holds the secret) to its log; a production one says
 * only that nothing was sent, so secrets never sit in a production log.
 */
export async function deliverMail(
  deps: ServerDeps,
  message: MailMessage,
  logLine: string,
  requestId: string,
): Promise<Delivery> {
  if (deps.core.mail.configured) {
    await deps.core.mail.send(message);
    return 'email';
  }
  if (deps.devMode) {
    deps.log.warn(`${logLine} (no SMTP server configured; development mode)`, { requestId });
    return 'log';
  }
  deps.log.warn(`Mail to ${message.to} not sent: no SMTP server configured (set mail.smtpUrl)`, {
    requestId,
  });
  return 'none';
}
