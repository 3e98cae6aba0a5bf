import type { paths as OpenApiPaths } from './schema.gen';

/**
 * Every API path the dashboard calls, relative to /api/v1. Each is built from a route template of
 * the generated OpenAPI types (schema.gen.ts, `npm run gen:api`), so a route the server renames or
 * drops fails the dashboard's typecheck instead of answering 404 at run time.
 */
type StripPrefix<P> = P extends `/api/v1${infer R}` ? R : never;

/** A route of the API as the OpenAPI document names it, without the /api/v1 prefix. */
export type ApiRoute = StripPrefix<keyof OpenApiPaths>;

type ParamNames<R> = R extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;

/** Fill a route template's `{name}` slots, URL-encoded: `route('/sites/{siteId}', { siteId })`. */
export function route<R extends ApiRoute>(
  template: R,
  ...params: [ParamNames<R>] extends [never] ? [] : [Record<ParamNames<R>, string>]
): string {
  const values = (params[0] ?? {}) as Record<string, string>;
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? ''));
}

export const paths = {
  account: route('/account'),
  modules: route('/modules'),
  users: route('/users'),
  user: (userId: string) => route('/users/{userId}', { userId }),
  invites: route('/invites'),
  invite: (inviteId: string) => route('/invites/{inviteId}', { inviteId }),
  inviteAccept: route('/invites/accept'),
  invitePreview: route('/invites/preview'),
  apiKeys: route('/api-keys'),
  apiKey: (apiKeyId: string) => route('/api-keys/{apiKeyId}', { apiKeyId }),
  sites: route('/sites'),
  site: (siteId: string) => route('/sites/{siteId}', { siteId }),
  sectors: (siteId: string) => route('/sites/{siteId}/sectors', { siteId }),
  sector: (siteId: string, sectorId: string) =>
    route('/sites/{siteId}/sectors/{sectorId}', { siteId, sectorId }),
  siteVoice: (siteId: string) => route('/sites/{siteId}/voice', { siteId }),
  sitePublishing: (siteId: string) => route('/sites/{siteId}/publishing', { siteId }),
  siteInventory: (siteId: string) => route('/sites/{siteId}/inventory', { siteId }),
  refreshCandidates: (siteId: string) => route('/sites/{siteId}/refresh/candidates', { siteId }),
  refreshMergePlan: (siteId: string) => route('/sites/{siteId}/refresh/merge-plan', { siteId }),

  keywords: route('/keywords'),
  keywordImport: route('/keywords/import'),
  keywordBulk: (action: 'exclude' | 'restore' | 'delete') => route(`/keywords/${action}`),
  clusters: route('/clusters'),
  clusterLocal: route('/clusters/local'),
  ideas: route('/ideas'),
  idea: (ideaId: string) => route('/ideas/{ideaId}', { ideaId }),
  tasks: route('/tasks'),
  task: (taskId: string) => route('/tasks/{taskId}', { taskId }),
  taskPrompt: (taskId: string) => route('/tasks/{taskId}/prompt', { taskId }),

  contents: route('/content'),
  content: (contentId: string) => route('/content/{contentId}', { contentId }),
  contentAction: (contentId: string, action: 'approve' | 'reject') =>
    route(`/content/{contentId}/${action}`, { contentId }),
  contentExport: (contentId: string) => route('/content/{contentId}/export', { contentId }),
  contentOptimize: (contentId: string) => route('/content/{contentId}/optimize', { contentId }),
  contentOptimizeDiff: (contentId: string) => route('/content/{contentId}/optimize/diff', { contentId }),
  images: route('/images'),
  imageFile: (imageId: string) => route('/images/{imageId}/file', { imageId }),
  imageRegenerate: (imageId: string) => route('/images/{imageId}/regenerate', { imageId }),

  estimate: route('/automation/estimate'),
  compare: route('/automation/compare'),
  runs: route('/automation/runs'),
  run: (runId: string) => route('/automation/runs/{runId}', { runId }),
  runEvents: (runId: string) => route('/automation/runs/{runId}/events', { runId }),
  runLogs: (runId: string) => route('/automation/runs/{runId}/logs', { runId }),
  runCost: (runId: string) => route('/automation/runs/{runId}/cost', { runId }),
  runAction: (runId: string, action: 'pause' | 'resume' | 'cancel') =>
    route(`/automation/runs/{runId}/${action}`, { runId }),

  destinations: route('/destinations'),
  wordpress: route('/destinations/wordpress'),
  webhookDestination: route('/destinations/webhook'),
  folderDestination: route('/destinations/folder'),
  publish: route('/publish'),
  destinationTest: (destinationId: string) => route('/destinations/{destinationId}/test', { destinationId }),
  destination: (destinationId: string) => route('/destinations/{destinationId}', { destinationId }),
  calendar: route('/publishing/calendar'),

  balance: route('/credits/balance'),
  transactions: route('/credits/transactions'),
  usage: route('/credits/usage'),
  usageSummary: route('/credits/usage/summary'),

  notifications: route('/notifications'),
  notificationsRead: route('/notifications/read'),
  search: route('/search'),
  models: route('/models'),
  modelDefault: (modelRef: string) => route('/models/{modelRef}/default', { modelRef }),
  providerKeys: route('/provider-keys'),
  providerKey: (provider: string) => route('/provider-keys/{provider}', { provider }),
  prompts: route('/prompts'),
  prompt: (key: string) => route('/prompts/{key}', { key }),
};
