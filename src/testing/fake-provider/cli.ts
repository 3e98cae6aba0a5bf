/**
 * Dev/test entry: `node --import tsx src/testing/fake-provider/cli.ts --port 0 --faults 0.2`
 * prints the URL (first stdout line) and serves until killed.
 *   --faults <share>   total fault share, split evenly over 429 / 500 / timeout / malformed JSON
 *   --latency <ms>     fixed latency per generation call
 *   --rpm <n> --tpm <n> enforce rate limits
 *   --seed <n>         PRNG seed
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
  },
});
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
