/** Test helpers for igny8 users' own suites: fake provider and Search Console servers speaking the real wire protocols. */
export * from './fake-provider/index.js';
export * from './fake-search-console/index.js';
