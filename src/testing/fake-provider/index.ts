export { createFakeProviderServer } from './fake-provider-server.js';
export { sampleFromSchema, type JsonSchema, type SampleOptions } from './schema-sample.js';
export { fakePng } from './fake-png.js';
export { createPrng } from '../../util/prng.js';
export {
  FakeRefusal,
  type FakeApi,
  type FakeCall,
  type FakeBatchFaults,
  type FakeFaults,
  type FakeMisbehaviour,
  type FakeLimits,
  type FakeOutcome,
  type FakeProviderOptions,
  type FakeProviderServer,
  type FakeReply,
  type FakeStats,
  type FakeTextRequest,
} from './fake-types.js';
