import { signWebhook } from '../publishing/sign-webhook.js';
import type { FetchLike } from '../publishing/url-guard.js';
import type { Notification } from './notification.schema.js';
import { eventKindOf } from './notify-event.js';

const EMOJI = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
};

/**
 * The body a channel receives: Slack-compatible (`text` and `blocks`, so a Slack incoming-webhook
 * URL works as is), with the structured event beside them for other receivers.
 */
export function webhookBody(n: Notification, appUrl?: string): string {
  const link = n.actionUrl && appUrl ? `${appUrl.replace(/\/$/, '')}${n.actionUrl}` : null;
  const text = `${EMOJI[n.level]} *${n.title}*\n${n.message}${link ? `\n<${link}|Open in igny8>` : ''}`;
  return JSON.stringify({
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    igny8: {
      id: n.id,
      event: eventKindOf(n.dedupeKey),
      level: n.level,
      title: n.title,
      message: n.message,
      action_url: n.actionUrl,
      created_at: n.createdAt,
    },
  });
}

/**
 * POST a notification, signed: `x-igny8-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`
 * with `x-igny8-timestamp` (the same scheme as the webhook publishing destination). One attempt with
 * a timeout: a failed delivery is recorded, not retried in a loop.
 */
export async function sendWebhook(
  cfg: { url: string; secret: string },
  body: string,
  fetchImpl: FetchLike,
  timeoutMs = 10_000,
): Promise<void> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetchImpl(cfg.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'igny8-notify/1',
      'x-igny8-timestamp': timestamp,
      'x-igny8-signature': signWebhook(cfg.secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  await res.body?.cancel().catch(() => undefined);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}
