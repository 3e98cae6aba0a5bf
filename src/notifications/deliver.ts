import type { Mailer } from '../mail/index.js';
import type { FetchLike } from '../publishing/url-guard.js';
import type { SecretBox } from '../secrets/index.js';
import { parseJson } from '../util/json.js';
import type { ChannelRow } from './channels.repository.js';
import type { Notification } from './notification.schema.js';
import { sendWebhook, webhookBody } from './send-webhook.js';

export interface DeliveryDeps {
  secrets: SecretBox;
  mail: Mailer;
  fetch: FetchLike;
  /** The dashboard's address, for links in messages (`server.publicUrl`); relative paths without it. */
  appUrl?: string;
}

export interface WebhookChannelConfig {
  url: string;
  secret: string;
}

/** Send one notification to one channel; throws what went wrong (the caller records it). */
export async function deliverToChannel(
  deps: DeliveryDeps,
  channel: ChannelRow,
  n: Notification,
): Promise<void> {
  if (channel.kind === 'webhook') {
    const cfg = parseJson<WebhookChannelConfig>(deps.secrets.decrypt(channel.config_enc), {
      url: '',
      secret: '',
    });
    await sendWebhook(cfg, webhookBody(n, deps.appUrl), deps.fetch);
    return;
  }
  const link = n.actionUrl ? `${deps.appUrl ? deps.appUrl.replace(/\/$/, '') : ''}${n.actionUrl}` : '';
  await deps.mail.send({
    to: channel.target,
    subject: `[igny8] ${n.title}`,
    text: `${n.message}\n${link ? `\n${link}\n` : ''}\n— igny8 (${n.createdAt})`,
  });
}
