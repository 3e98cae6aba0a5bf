import type { Command } from 'commander';
import { registerConfig } from './config.command.js';
import { registerMigrate } from './migrate.command.js';
import { registerBackup } from './backup.command.js';
// @command-imports (one line per command file)
import { registerKeywords } from './keywords.command.js';
import { registerCluster } from './cluster.command.js';
import { registerWorker } from './worker.command.js';
import { registerRun } from './run.command.js';
import { registerRuns } from './runs.command.js';
import { registerCompare } from './compare.command.js';
import { registerServe } from './serve.command.js';
import { registerPublish } from './publish.command.js';
import { registerWp } from './wp.command.js';
import { registerInventory } from './inventory.command.js';
import { registerRefreshRun } from './refresh-run.command.js';
import { registerKb } from './kb.command.js';
import { registerGsc } from './gsc.command.js';
import { registerContent } from './content.command.js';
import { registerOptimize } from './optimize.command.js';
import { registerAccount } from './account.command.js';
import { registerApiKey } from './apikey.command.js';
import { registerInit } from './init.command.js';
import { registerSector } from './sector.command.js';
import { registerSite } from './site.command.js';
import { registerUser } from './user.command.js';
import { registerCredits } from './credits.command.js';
import { registerModels } from './models.command.js';
import { registerNotifications } from './notifications.command.js';
import { registerNotify } from './notify.command.js';
import { registerSchedule } from './schedule.command.js';
import { registerPrompts } from './prompts.command.js';
import { registerTasks } from './tasks.command.js';
import { registerProviders } from './providers.command.js';
import { registerCompletion } from './completion.command.js';
import { registerRefreshCandidates } from './refresh-candidates.command.js';

/** Every command group, in help order. Each file only declares options; actions import lazily. */
export const COMMANDS: Array<(program: Command) => void> = [
  // Getting started, then the pipeline in stage order, then publishing, then administration.
  registerInit,
  registerKeywords,
  registerCluster,
  registerRun,
  registerRuns,
  registerCompare,
  registerSchedule,
  registerContent,
  registerOptimize,
  registerTasks,
  registerPublish,
  registerWp,
  registerInventory,
  registerRefreshRun,
  registerKb,
  registerRefreshCandidates,
  registerGsc,
  registerCredits,
  registerNotifications,
  registerNotify,
  registerAccount,
  registerUser,
  registerApiKey,
  registerSite,
  registerSector,
  registerModels,
  registerPrompts,
  registerProviders,
  registerServe,
  registerWorker,
  registerMigrate,
  registerBackup,
  registerConfig,
  registerCompletion,
  // @command-list
];
