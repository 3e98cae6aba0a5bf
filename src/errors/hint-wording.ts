import type { HintAction, HintActionId } from '../api-contract/hint-actions.js';

export type HintSurface = 'cli' | 'api';
type Params = Record<string, string>;
type Wording = string | ((p: Params) => string);

/**
 * How the CLI and the API word each action (the dashboard words them in ui/src/api/hint-wording.ts).
 * The API names routes under /api/v1; the CLI names commands and flags.
 */
const WORDING: Record<HintActionId, Record<HintSurface, Wording>> = {
  list_sites: {
    cli: 'List sites with `igny8 site list` (a site is named by id or slug).',
    api: 'List sites with GET /api/v1/sites (a site is named by id or slug).',
  },
  add_site: { cli: 'Add one with `igny8 site add <name>`.', api: 'Add one with POST /api/v1/sites.' },
  list_sectors: {
    cli: 'List sectors with `igny8 sector list --site <site>` (sites: `igny8 site list`).',
    api: 'List sectors with GET /api/v1/sites/{siteId}/sectors.',
  },
  add_sector: {
    cli: 'Add one with `igny8 sector add <name> --site …`.',
    api: 'Add one with POST /api/v1/sites/{siteId}/sectors.',
  },
  list_accounts: {
    cli: 'List accounts with `igny8 account list`.',
    api: 'Check which account your credentials belong to with GET /api/v1/auth/me.',
  },
  list_users: {
    cli: 'List users with `igny8 user list` (a user is named by id or email).',
    api: 'List users with GET /api/v1/users.',
  },
  list_api_keys: {
    cli: 'List keys with `igny8 apikey list` (name a key by id or prefix).',
    api: 'List keys with GET /api/v1/api-keys.',
  },
  create_api_key: {
    cli: 'Create a key with `igny8 apikey create --name <name>` and send it as "ApiKey <key>".',
    api: 'Create a key with POST /api/v1/api-keys and send it as "Authorization: ApiKey <key>".',
  },
  list_runs: {
    cli: 'List runs with `igny8 runs list`.',
    api: 'List runs with GET /api/v1/automation/runs.',
  },
  resume_or_cancel_run: {
    cli: (p) =>
      `Resume it with \`igny8 runs resume ${p.runId}\` or cancel it with \`igny8 runs cancel ${p.runId}\`.`,
    api: (p) =>
      `Resume it with POST /api/v1/automation/runs/${p.runId}/resume or cancel it with POST /api/v1/automation/runs/${p.runId}/cancel.`,
  },
  follow_run: {
    cli: (p) =>
      `Follow it with \`igny8 runs show ${p.runId}\`, or pause/cancel it with \`igny8 runs pause|cancel ${p.runId}\`.`,
    api: (p) =>
      `Follow it with GET /api/v1/automation/runs/${p.runId}/events, or pause/cancel it with POST /api/v1/automation/runs/${p.runId}/pause|cancel.`,
  },
  run_migrations: {
    cli: 'Run `igny8 migrate up` (or `igny8 init` in a new folder).',
    api: "The server's database needs its migrations: the operator runs them, then restarts the server.",
  },
  init_project: {
    cli: 'Run `igny8 init` to create the config, database, owner account and first site.',
    api: 'Register an account with POST /api/v1/auth/register.',
  },
  enable_module: {
    cli: (p) => `An owner or admin can enable it: igny8 account modules --enable ${p.module}`,
    api: (p) => `An owner or admin can enable it: PATCH /api/v1/modules with {"enable":["${p.module}"]}.`,
  },
  connect_wordpress: {
    cli: 'Connect WordPress with `igny8 wp connect`.',
    api: 'Connect WordPress with POST /api/v1/destinations/wordpress.',
  },
  reconnect_wordpress: {
    cli: 'Reconnect with `igny8 wp connect`.',
    api: 'Reconnect with POST /api/v1/destinations/wordpress.',
  },
  add_destination: {
    cli: 'Connect WordPress with `igny8 wp connect`, or add a folder/webhook with `igny8 publish add-destination`.',
    api: 'Connect WordPress with POST /api/v1/destinations/wordpress, or add one with POST /api/v1/destinations/folder or /webhook.',
  },
  list_destinations: {
    cli: 'List them with `igny8 publish destinations`.',
    api: 'List them with GET /api/v1/destinations.',
  },
  list_content: {
    cli: 'List articles with `igny8 content list`.',
    api: 'List articles with GET /api/v1/content.',
  },
  grant_credits: {
    cli: 'Grant credits with `igny8 credits grant <amount>`, or wait for running operations to release their holds.',
    api: 'Ask the operator for credits, or wait for running operations to release their holds.',
  },
  shrink_run_or_grant_credits: {
    cli: 'Grant credits (`igny8 credits grant`), lower the work with --max-items or --stages, or see the plan with --dry-run.',
    api: 'Lower the work with options.maxItemsPerStage or options.stages, see the plan with POST /api/v1/automation/estimate, or ask the operator for credits.',
  },
  list_notifications: {
    cli: 'List them with `igny8 notifications list`.',
    api: 'List them with GET /api/v1/notifications.',
  },
  list_notification_channels: {
    cli: 'List them with `igny8 notify channel list`.',
    api: 'List them with GET /api/v1/notification-channels.',
  },
  list_schedules: {
    cli: 'List them with `igny8 schedule list`.',
    api: 'List them with GET /api/v1/schedules.',
  },
  list_models: {
    cli: 'List models with `igny8 models list --all`; refer to one by provider:model, model id or id.',
    api: 'List models with GET /api/v1/models; refer to one by provider:model, model id or id.',
  },
  use_postgres_for_workers: {
    cli: 'Run in the foreground with `igny8 run` (no --detach), or point database.url (IGNY8_DATABASE_URL) at PostgreSQL, run `igny8 migrate up`, and start `igny8 worker`.',
    api: 'Start the run without "detach", or have the operator move the server to PostgreSQL and start workers.',
  },
  show_run: {
    cli: (p) => `See \`igny8 runs show ${p.runId}\`.`,
    api: (p) => `See GET /api/v1/automation/runs/${p.runId}.`,
  },
  list_plans: {
    cli: (p) => `Plans: ${p.known} (igny8 account plans shows their limits).`,
    api: (p) => `Plans: ${p.known} (GET /api/v1/plans shows their limits).`,
  },
  choose_default_model: {
    cli: (p) => `Make another ${p.type} model the default first: igny8 models set-default <ref>`,
    api: (p) => `Make another ${p.type} model the default first: POST /api/v1/models/{modelRef}/default.`,
  },
  seed_models: {
    cli: 'Seed the registry with `igny8 models seed`, or pick one: igny8 models set-default <ref>',
    api: 'Pick a default model with POST /api/v1/models/{modelRef}/default (GET /api/v1/models lists them).',
  },
  update_model: {
    cli: (p) => `Change it with \`igny8 models update ${p.ref} …\`.`,
    api: (p) => `Change it with PATCH /api/v1/models/${p.ref}.`,
  },
  list_refunds: {
    cli: 'A charge is refunded at most once; see `igny8 credits history --kind refund`.',
    api: 'A charge is refunded at most once; see GET /api/v1/credits/transactions?kind=refund.',
  },
  list_charges: {
    cli: 'See the charges with `igny8 credits history --kind charge`.',
    api: 'See the charges with GET /api/v1/credits/transactions?kind=charge.',
  },
  republish_content: {
    cli: (p) => `To publish it again as a new post: igny8 publish --republish --content ${p.contentId}`,
    api: (p) =>
      `To publish it again as a new post: POST /api/v1/publish with {"contentIds":["${p.contentId}"],"republish":true}.`,
  },
  set_focus_keyword: {
    cli: 'Set one with `igny8 content edit` first.',
    api: 'Set one with PATCH /api/v1/content/{contentId} first.',
  },
  list_usage: {
    cli: 'Look at the failures (`igny8 credits usage`) before retrying with a new operation id.',
    api: 'Look at the failures (GET /api/v1/credits/usage) before retrying with a new operation id.',
  },
  list_prompts: {
    cli: (p) => `Known prompts: ${p.known} — see \`igny8 prompts list\`.`,
    api: (p) => `Known prompts: ${p.known} — see GET /api/v1/prompts.`,
  },
  list_keywords: {
    cli: 'Nothing was changed. List keywords with `igny8 keywords list --site …`.',
    api: 'Nothing was changed. List keywords with GET /api/v1/keywords?siteId=….',
  },
  list_ideas: {
    cli: 'List ideas with GET /ideas (or stage 2 of `igny8 run` to make some).',
    api: 'List ideas with GET /api/v1/ideas (or stage 2 of a run to make some).',
  },
  list_tasks: {
    cli: 'List tasks with GET /tasks (stage 3 of `igny8 run` queues one per idea).',
    api: 'List tasks with GET /api/v1/tasks (stage 3 of a run queues one per idea).',
  },
  set_model_rate: {
    cli: (p) => `Set one: igny8 models update ${p.ref} --${p.rate} <n>`,
    api: (p) => `Set one: PATCH /api/v1/models/${p.ref} (an admin).`,
  },
  connect_wordpress_site: {
    cli: 'Connect it with `igny8 wp connect --site … --url … --user … --app-password -`.',
    api: 'Connect it with POST /api/v1/destinations/wordpress.',
  },
  start_new_run: {
    cli: 'Start a new run with `igny8 run` when you want to continue.',
    api: 'Start a new run with POST /api/v1/automation/runs when you want to continue.',
  },
  use_another_email: {
    cli: 'Each email belongs to one user; use another address (`igny8 user list` shows this account’s users).',
    api: 'Each email belongs to one user; use another address (GET /api/v1/users shows this account’s users).',
  },
  make_another_owner: {
    cli: 'Make another user owner first: igny8 user role <email> owner',
    api: 'Make another user owner first: PUT /api/v1/users/{userId}/role with {"role":"owner"}.',
  },
  reload_content: {
    cli: (p) => `See the article as it is now with \`igny8 content show ${p.contentId}\`, then edit that.`,
    api: (p) =>
      `Load it again with GET /api/v1/content/${p.contentId} and make your edit on top of it; to replace ` +
      'the other change with yours, send its new updatedAt as baseUpdatedAt.',
  },
};

/** The wording of an action on one surface. */
export function wordHint(action: HintAction, surface: HintSurface): string {
  const w = WORDING[action.id][surface];
  return typeof w === 'string' ? w : w(action.params ?? {});
}
