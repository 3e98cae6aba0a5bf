import { createHmac } from 'node:crypto';

// Its own file: notifications sign their webhooks too, without importing the publishing destinations.
/** `sha256=<hex>` of `<timestamp>.<body>`: receivers recompute it with the shared secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
