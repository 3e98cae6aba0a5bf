import type { HintAction, HintActionId } from '../../../src/api-contract/hint-actions.js';

type Wording = string | ((p: Record<string, string>) => string);

/**
 * How the dashboard words each action an error may carry (the CLI and the API word them in
 * src/errors/hint-wording.ts). A new action in the contract fails this file's typecheck until it
 * has the dashboard's words.
 */
const WORDING: Record<HintActionId, Wording> = {
  list_sites: 'Pick a site with the site picker at the top of the page.',
  add_site: 'Add a site under Settings → Sites.',
  list_sectors: "See the site's sectors under Settings → Sites.",
  add_sector: 'Add a sector to the site under Settings → Sites.',
  list_accounts: 'Sign out and sign in again to the account you mean.',
  list_users: 'See the users under Settings → Team.',
  list_api_keys: 'See the keys under Settings → API keys.',
  create_api_key: 'Create a key under Settings → API keys.',
  list_runs: 'See the runs on the Automation page.',
  resume_or_cancel_run: 'Resume or cancel the paused run on the Automation page.',
  follow_run: 'Open the running run on the Automation page to follow, pause or cancel it.',
  run_migrations: "The server's database needs its migrations: ask the operator to run them.",
  init_project: 'Register an account first.',
  enable_module: (p) => `An owner or admin can enable the ${p.module ?? ''} module under Settings → Modules.`,
  connect_wordpress: 'Connect WordPress on the Publishing page.',
  reconnect_wordpress: 'Reconnect WordPress on the Publishing page.',
  add_destination: 'Connect WordPress or add a folder or webhook on the Publishing page.',
  list_destinations: 'See the destinations on the Publishing page.',
  list_content: 'See the articles under Writer.',
  grant_credits: 'Ask the operator for credits, or wait for running operations to finish.',
  shrink_run_or_grant_credits:
    'Run fewer stages or items (see the estimate), or ask the operator for credits.',
  list_notifications: 'See your notifications in the notifications menu.',
  list_notification_channels: 'See the channels under Settings → Notifications.',
  list_schedules: 'See the schedules under Automation → Schedules.',
  list_models: 'See the models under Settings → Models.',
  use_postgres_for_workers:
    'Start the run without "detach", or ask the operator to move the server to PostgreSQL.',
  show_run: 'Open the run on the Automation page.',
  list_plans: (p) => `Plans: ${p.known ?? ''} (Billing shows their limits).`,
  choose_default_model: (p) =>
    `Make another ${p.type ?? ''} model the default first under Settings → Models.`,
  seed_models: 'Pick a default model under Settings → Models.',
  update_model: 'Change it under Settings → Models.',
  list_refunds: 'A charge is refunded at most once; the refunds are on the Billing page.',
  list_charges: 'See the charges on the Billing page.',
  republish_content: 'To publish it again as a new post, publish the article again with "republish".',
  set_focus_keyword: 'Set a focus keyword in the article editor first.',
  list_usage: 'Look at the failures on the Billing page before retrying.',
  list_prompts: 'See the prompts under Settings → Prompts.',
  list_keywords: 'Nothing was changed; reload the keyword list under Planner.',
  list_ideas: 'See the ideas under Planner → Ideas (stage 2 of a run makes some).',
  list_tasks: 'See the tasks under Writer → Tasks (stage 3 of a run queues one per idea).',
  set_model_rate: 'Set its rate under Settings → Models.',
  connect_wordpress_site: 'Connect WordPress on the Publishing page.',
  start_new_run: 'Start a new run on the Automation page when you want to continue.',
  use_another_email: 'Each email belongs to one user; use another address.',
  make_another_owner: 'Make another user owner first under Settings → Team.',
  reload_content: 'Your draft is kept: load their version to see it, or save yours over it.',
};

/** The dashboard's words for an action from an error envelope (unknown ids from a newer server: none). */
export function dashboardHint(action: HintAction | undefined): string | undefined {
  if (!action) return undefined;
  const w = (WORDING as Partial<Record<string, Wording>>)[action.id];
  return typeof w === 'function' ? w(action.params ?? {}) : w;
}
