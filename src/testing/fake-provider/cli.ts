/**
 * Dev/test entry: `node --import tsx src/testing/fake-provider/cli.ts --port 0 --faults 0.2`
 * prints the URL (first stdout line) and serves until killed.
 *   --faults <share>   total fault share, split evenly over 429 / 500 / timeout / malformed JSON
 *   --latency <ms>     fixed latency per generation call
 *   --rpm <n> --tpm <n> enforce rate limits
 *   --seed <n>         PRNG seed
 *   --absurd-usage <n> report n input and output tokens on every answer (e.g. 1000000000)
 *   --omit-usage       leave usage out of every answer
 *   --anthropic-text json|invalid  answer Anthropic in a text block instead of the output tool
 *   --stall-ms <ms>    hold the first text answer this long
 *   --reset-calls 2,5  cut these text calls' answers off mid-body (connection reset)
 *   --batch-delay-ms <ms>  how long a batch (OpenAI Batch, Anthropic Message Batches) takes to complete
 *   --batch-expire <share> each batch expires with this share of its requests unanswered
 */
import { parseArgs } from 'node:util';
import { createFakeProviderServer } from './fake-provider-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    faults: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    rpm: { type: 'string' },
    tpm: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'retry-after-ms': { type: 'string', default: '200' },
    'absurd-usage': { type: 'string' },
    'omit-usage': { type: 'boolean', default: false },
    'anthropic-text': { type: 'string' },
    'stall-ms': { type: 'string' },
    'reset-calls': { type: 'string' },
    'batch-delay-ms': { type: 'string', default: '0' },
    'batch-expire': { type: 'string' },
  },
});
const text = values['anthropic-text'];
if (text !== undefined && text !== 'json' && text !== 'invalid') {
  process.stderr.write('--anthropic-text must be json or invalid\n');
  process.exit(2);
}
const share = Number(values.faults) / 4;
const fake = await createFakeProviderServer({
  port: Number(values.port),
  seed: Number(values.seed),
  latencyMs: Number(values.latency),
  faults: {
    rate429: share,
    status500: share,
    timeout: share,
    malformedJson: share,
    retryAfterMs: Number(values['retry-after-ms']),
  },
  misbehave: {
    absurdUsage: values['absurd-usage'] ? Number(values['absurd-usage']) : undefined,
    omitUsage: values['omit-usage'],
    anthropicText: text,
    stallMs: values['stall-ms'] ? Number(values['stall-ms']) : undefined,
    resetCalls: values['reset-calls'] ? values['reset-calls'].split(',').map(Number) : undefined,
  },
  batchDelayMs: Number(values['batch-delay-ms']),
  ...(values['batch-expire'] ? { batchFaults: { expire: Number(values['batch-expire']) } } : {}),
  limits:
    values.rpm || values.tpm
      ? {
          requestsPerMinute: values.rpm ? Number(values.rpm) : undefined,
          tokensPerMinute: values.tpm ? Number(values.tpm) : undefined,
        }
      : undefined,
});
process.stdout.write(`${fake.url}\n`);
const stop = () => {
  process.stderr.write(`${JSON.stringify(fake.stats.byOutcome)}\n`);
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
