/**
 * Every API path the dashboard calls, in one place, so aligning with the server's route table is
 * one file's work. Paths are relative to /api/v1.
 */
const e = encodeURIComponent;

export const paths = {
  account: '/account',
  modules: '/modules',
  users: '/users',
  user: (id: string) => `/users/${e(id)}`,
  invites: '/invites',
  invite: (id: string) => `/invites/${e(id)}`,
  inviteAccept: '/invites/accept',
  invitePreview: '/invites/preview',
  apiKeys: '/api-keys',
  apiKey: (id: string) => `/api-keys/${e(id)}`,
  sites: '/sites',
  sectors: (siteId: string) => `/sites/${e(siteId)}/sectors`,
  sitePublishing: (siteId: string) => `/sites/${e(siteId)}/publishing`,
  siteInventory: (siteId: string) => `/sites/${e(siteId)}/inventory`,

  keywords: '/keywords',
  keywordImport: '/keywords/import',
  keywordBulk: (action: 'exclude' | 'restore' | 'delete') => `/keywords/${action}`,
  clusters: '/clusters',
  clusterLocal: '/clusters/local',
  ideas: '/ideas',
  idea: (id: string) => `/ideas/${e(id)}`,
  tasks: '/tasks',

  contents: '/content',
  content: (id: string) => `/content/${e(id)}`,
  contentAction: (id: string, action: 'approve' | 'reject') => `/content/${e(id)}/${action}`,
  contentExport: (id: string) => `/content/${e(id)}/export`,
  images: '/images',
  imageFile: (id: string) => `/images/${e(id)}/file`,
  imageRegenerate: (id: string) => `/images/${e(id)}/regenerate`,

  estimate: '/automation/estimate',
  runs: '/automation/runs',
  run: (id: string) => `/automation/runs/${e(id)}`,
  runEvents: (id: string) => `/automation/runs/${e(id)}/events`,
  runLogs: (id: string) => `/automation/runs/${e(id)}/logs`,
  runAction: (id: string, action: 'pause' | 'resume' | 'cancel') => `/automation/runs/${e(id)}/${action}`,

  destinations: '/destinations',
  wordpress: '/destinations/wordpress',
  webhookDestination: '/destinations/webhook',
  folderDestination: '/destinations/folder',
  publish: '/publish',
  destinationTest: (id: string) => `/destinations/${e(id)}/test`,
  destination: (id: string) => `/destinations/${e(id)}`,
  calendar: '/publishing/calendar',

  balance: '/credits/balance',
  transactions: '/credits/transactions',
  usage: '/credits/usage',
  usageSummary: '/credits/usage/summary',

  notifications: '/notifications',
  notificationsRead: '/notifications/read',
  search: '/search',
  models: '/models',
  modelDefault: (ref: string) => `/models/${e(ref)}/default`,
  providerKeys: '/provider-keys',
  providerKey: (provider: string) => `/provider-keys/${e(provider)}`,
  prompts: '/prompts',
  prompt: (key: string) => `/prompts/${e(key)}`,
};
