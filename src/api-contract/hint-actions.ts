/*
 * What an error asks the user to do, named once for every surface. The core raises an error with an
 * action (an id and its facts); the CLI, the API and the dashboard each word it in their own terms
 * (src/errors/hint-wording.ts for the CLI and API, ui/src/api/hint-wording.ts for the dashboard).
 * Plain constants without zod, so the dashboard can import them without bundling zod.
 */
export const HINT_ACTIONS = [
  'list_sites',
  'add_site',
  'list_sectors',
  'add_sector',
  'list_accounts',
  'list_users',
  'list_api_keys',
  'create_api_key',
  'list_runs',
  'resume_or_cancel_run',
  'follow_run',
  'run_migrations',
  'init_project',
  'enable_module',
  'connect_wordpress',
  'reconnect_wordpress',
  'add_destination',
  'list_destinations',
  'list_content',
  'grant_credits',
  'shrink_run_or_grant_credits',
  'list_notifications',
  'list_notification_channels',
  'list_schedules',
  'list_models',
  'use_postgres_for_workers',
  'show_run',
  'list_plans',
  'choose_default_model',
  'seed_models',
  'update_model',
  'list_refunds',
  'list_charges',
  'republish_content',
  'set_focus_keyword',
  'list_usage',
  'list_prompts',
  'list_keywords',
  'list_ideas',
  'list_tasks',
  'set_model_rate',
  'connect_wordpress_site',
  'start_new_run',
  'use_another_email',
  'make_another_owner',
  'reload_content',
] as const;

export type HintActionId = (typeof HINT_ACTIONS)[number];

/** An action with the facts its wording may use (a run id, a module name). */
export interface HintAction {
  id: HintActionId;
  params?: Record<string, string>;
}
