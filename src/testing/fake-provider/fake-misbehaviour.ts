import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { FakeMisbehaviour } from './fake-types.js';

/** Tokens as the fake counted them, before any misbehaviour. */
export interface FakeTokens {
  tokensIn: number;
  tokensOut: number;
  cached: number;
}

/** The figures a misbehaving provider reports: absurd ones, none at all (undefined), or the true ones. */
export function reportedTokens(m: FakeMisbehaviour, real: FakeTokens): FakeTokens | undefined {
  if (m.omitUsage) return undefined;
  if (m.absurdUsage !== undefined) return { tokensIn: m.absurdUsage, tokensOut: m.absurdUsage, cached: 0 };
  return real;
}

/** Whether text call `n` (1-based) stalls first. */
export const stallsOn = (m: FakeMisbehaviour, n: number) =>
  (m.stallMs ?? 0) > 0 && (m.stallCalls ?? [1]).includes(n);

/** Whether text call `n` (1-based) is cut off mid-body. */
export const resetsOn = (m: FakeMisbehaviour, n: number) => (m.resetCalls ?? []).includes(n);

/** Hold the answer like a stalled provider; gives up early when the client hangs up. */
export async function stall(res: ServerResponse, ms: number): Promise<void> {
  const hungUp = new AbortController();
  res.once('close', () => hungUp.abort());
  await delay(ms, undefined, { signal: hungUp.signal }).catch(() => undefined);
}

/** Send the headers and the first half of `body`, then reset the connection (a proxy dying mid-answer). */
export function resetMidBody(
  res: ServerResponse,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.write(body.slice(0, Math.floor(body.length / 2)), () => res.socket?.resetAndDestroy());
}
