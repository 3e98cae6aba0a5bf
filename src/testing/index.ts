/** Test helpers for igny8 users' own suites: a fake provider server speaking the real wire protocols. */
export * from './fake-provider/index.js';
