export {
  createFakeSearchConsole,
  type FakeGscRow,
  type FakeSearchConsole,
  type FakeSearchConsoleOptions,
  type FakeSearchConsoleStats,
} from './fake-search-console.js';
export { fakeServiceAccount, type FakeServiceAccount } from './fake-service-account.js';
