// Child process of bench-helpers' startFakeProvider: argv = latencyMs rpm tpm seed. Prints its URL,
// serves until a line arrives on stdin, then prints its call statistics as JSON and exits.
import { load } from './bench-helpers.mjs';

const [latency, rpm, tpm, seed] = process.argv.slice(2);
const { createFakeProviderServer } = await load('src/testing/index.js');
const { sandboxRespond } = await load('src/index.js');
const limits =
  rpm || tpm
    ? { requestsPerMinute: rpm ? Number(rpm) : undefined, tokensPerMinute: tpm ? Number(tpm) : undefined }
    : undefined;
const fake = await createFakeProviderServer({
  latencyMs: Number(latency),
  limits,
  seed: Number(seed),
  respond: sandboxRespond,
  recordBodies: false,
});
process.stdout.write(`${fake.url}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  const { calls, byOutcome } = fake.stats;
  await fake.close();
  process.stdout.write(`${JSON.stringify({ calls, byOutcome })}\n`);
  process.exit(0);
});
