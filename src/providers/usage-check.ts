import { countTokens } from './count-tokens.js';
import type { TextRequest, TextResponse, Usage, UsageCheck } from './provider.types.js';

/** Per-message and per-request framing a provider may add to the prompt's own tokens. */
const MESSAGE_OVERHEAD = 16;
const REQUEST_OVERHEAD = 1_000;
/** Output ceiling when the request set none (no current model writes more in one answer). */
const UNBOUNDED_OUTPUT = 131_072;

/**
 * Pure: the most tokens a request could have consumed. A byte-level BPE tokenizer never makes more
 * tokens than bytes, so the prompt's UTF-8 size (plus schema and framing) bounds the input; the
 * output can never exceed the `max_tokens` we sent.
 * @example usageBounds({ model: 'm', messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 500 }) // → { tokensIn: 1018, tokensOut: 500 }
 */
export function usageBounds(req: TextRequest, answer = ''): { tokensIn: number; tokensOut: number } {
  const bytes = req.messages.reduce((n, m) => n + Buffer.byteLength(m.content) + MESSAGE_OVERHEAD, 0);
  const schema = req.jsonSchema ? Buffer.byteLength(JSON.stringify(req.jsonSchema.schema)) : 0;
  return {
    tokensIn: bytes + schema + REQUEST_OVERHEAD,
    tokensOut: req.maxOutputTokens ?? Math.max(UNBOUNDED_OUTPUT, Buffer.byteLength(answer)),
  };
}

const valid = (n: number) => Number.isFinite(n) && n >= 0;

/**
 * Sanity-check the usage a provider reported against what the request could produce. A figure above
 * its bound (a provider bug: 10^9 tokens) is replaced by our tokenizer's count and kept in
 * `check.reported`; a missing figure (0 for a non-empty prompt or answer) is counted by the tokenizer
 * and the usage marked estimated. Either way the caller bills plausible numbers.
 * @example const { usage, check } = await checkUsage(req, res) // check.estimated → bill by our count
 */
export async function checkUsage(
  req: TextRequest,
  res: Pick<TextResponse, 'text' | 'usage'>,
): Promise<{ usage: Usage; check: UsageCheck }> {
  const bounds = usageBounds(req, res.text);
  const reported = res.usage;
  const inBad = !valid(reported.tokensIn) || reported.tokensIn > bounds.tokensIn;
  const outBad = !valid(reported.tokensOut) || reported.tokensOut > bounds.tokensOut;
  const inMissing = !inBad && reported.tokensIn === 0 && req.messages.some((m) => m.content.length > 0);
  const outMissing = !outBad && reported.tokensOut === 0 && res.text.length > 0;
  if (!inBad && !outBad && !inMissing && !outMissing) {
    return { usage: reported, check: { estimated: false } };
  }
  const usage: Usage = { ...reported };
  if (inBad || inMissing) {
    const prompt = req.messages.map((m) => m.content).join('\n');
    const schema = req.jsonSchema ? JSON.stringify(req.jsonSchema.schema) : '';
    usage.tokensIn = (await countTokens(prompt)) + (await countTokens(schema));
  }
  if (outBad || outMissing) usage.tokensOut = Math.min(bounds.tokensOut, await countTokens(res.text));
  usage.tokensCached = valid(reported.tokensCached) ? Math.min(reported.tokensCached, usage.tokensIn) : 0;
  const written = reported.tokensCacheWrite ?? 0;
  usage.tokensCacheWrite = valid(written) ? Math.min(written, usage.tokensIn - usage.tokensCached) : 0;
  const check: UsageCheck = { estimated: true };
  if (inBad || outBad) {
    check.reported = {
      tokensIn: reported.tokensIn,
      tokensOut: reported.tokensOut,
      tokensCached: reported.tokensCached,
    };
    const what = [
      inBad ? `${reported.tokensIn} input tokens (at most ${bounds.tokensIn} possible)` : '',
      outBad ? `${reported.tokensOut} output tokens (at most ${bounds.tokensOut} possible)` : '',
    ].filter(Boolean);
    check.warning =
      `the provider reported ${what.join(' and ')}; counted ${usage.tokensIn} in and ` +
      `${usage.tokensOut} out with our tokenizer instead`;
  } else {
    check.warning = `the provider reported no usage; counted ${usage.tokensIn} in and ${usage.tokensOut} out with our tokenizer`;
  }
  return { usage, check };
}
