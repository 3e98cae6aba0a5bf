import type { Command } from 'commander';
import { registerAccount } from './account.command.js';
import { registerApiKey } from './apikey.command.js';
import { registerBackup } from './backup.command.js';
import { registerCluster } from './cluster.command.js';
import { registerCompare } from './compare.command.js';
import { registerConfig } from './config.command.js';
import { registerContent } from './content.command.js';
import { registerCredits } from './credits.command.js';
import { registerGsc } from './gsc.command.js';
import { registerInit } from './init.command.js';
import { registerInventory } from './inventory.command.js';
import { registerKb } from './kb.command.js';
import { registerKeywords } from './keywords.command.js';
import { registerMigrate } from './migrate.command.js';
import { registerModels } from './models.command.js';
import { registerNotifications } from './notifications.command.js';
import { registerNotify } from './notify.command.js';
import { registerOptimize } from './optimize.command.js';
import { registerPrompts } from './prompts.command.js';
import { registerProviders } from './providers.command.js';
import { registerPublish } from './publish.command.js';
import { registerRefreshCandidates } from './refresh-candidates.command.js';
import { registerRefreshRun } from './refresh-run.command.js';
import { registerRun } from './run.command.js';
import { registerRuns } from './runs.command.js';
import { registerSchedule } from './schedule.command.js';
import { registerSector } from './sector.command.js';
import { registerServe } from './serve.command.js';
import { registerSite } from './site.command.js';
import { registerTasks } from './tasks.command.js';
import { registerUser } from './user.command.js';
import { registerWorker } from './worker.command.js';
import { registerWp } from './wp.command.js';

type Register = (program: Command) => void;

/**
 * The register functions that declare each top-level command, in COMMANDS order (P11): a run of
 * `igny8 keywords list` declares `keywords` only, not all 38 commands and their options (about 10 ms
 * of CPU). A command missing here (a new one, `help`, `completion`, which reads every command) gets
 * every command declared, as before; by-name.test.ts checks each entry against COMMANDS.
 */
export const COMMANDS_BY_NAME: Readonly<Record<string, readonly Register[]>> = {
  init: [registerInit],
  keywords: [registerKeywords],
  cluster: [registerCluster],
  clusters: [registerCluster],
  run: [registerRun],
  ideas: [registerRun],
  write: [registerRun],
  images: [registerRun],
  review: [registerRun],
  runs: [registerRuns],
  compare: [registerCompare],
  schedule: [registerSchedule],
  content: [registerContent],
  optimize: [registerOptimize],
  tasks: [registerTasks],
  publish: [registerPublish],
  wp: [registerWp],
  inventory: [registerInventory],
  refresh: [registerRefreshRun, registerRefreshCandidates],
  kb: [registerKb],
  gsc: [registerGsc],
  credits: [registerCredits],
  notifications: [registerNotifications],
  notify: [registerNotify],
  account: [registerAccount],
  user: [registerUser],
  apikey: [registerApiKey],
  site: [registerSite],
  sector: [registerSector],
  models: [registerModels],
  prompts: [registerPrompts],
  providers: [registerProviders],
  serve: [registerServe],
  worker: [registerWorker],
  migrate: [registerMigrate],
  backup: [registerBackup],
  config: [registerConfig],
};
