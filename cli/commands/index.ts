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

type Register = (program: Command) => void;

export interface CommandGroup {
  register: Register;
  /**
   * The top-level commands (and aliases) it declares or extends: a run that names one declares only
   * these groups (P11). Empty for one that must see every command (completion).
   */
  names: readonly string[];
}

/** Every command group, in help order. Each file only declares options; actions import lazily. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  // Getting started, then the pipeline in stage order, then publishing, then administration.
  { register: registerInit, names: ['init'] },
  { register: registerKeywords, names: ['keywords'] },
  { register: registerCluster, names: ['cluster', 'clusters'] },
  { register: registerRun, names: ['run', 'ideas', 'write', 'images', 'review'] },
  { register: registerRuns, names: ['runs'] },
  { register: registerCompare, names: ['compare'] },
  { register: registerSchedule, names: ['schedule'] },
  { register: registerContent, names: ['content'] },
  { register: registerOptimize, names: ['optimize'] },
  { register: registerTasks, names: ['tasks'] },
  { register: registerPublish, names: ['publish'] },
  { register: registerWp, names: ['wp'] },
  { register: registerInventory, names: ['inventory'] },
  { register: registerRefreshRun, names: ['refresh'] },
  { register: registerKb, names: ['kb'] },
  { register: registerRefreshCandidates, names: ['refresh'] },
  { register: registerGsc, names: ['gsc'] },
  { register: registerCredits, names: ['credits'] },
  { register: registerNotifications, names: ['notifications'] },
  { register: registerNotify, names: ['notify'] },
  { register: registerAccount, names: ['account'] },
  { register: registerUser, names: ['user'] },
  { register: registerApiKey, names: ['apikey'] },
  { register: registerSite, names: ['site'] },
  { register: registerSector, names: ['sector'] },
  { register: registerModels, names: ['models'] },
  { register: registerPrompts, names: ['prompts'] },
  { register: registerProviders, names: ['providers'] },
  { register: registerServe, names: ['serve'] },
  { register: registerWorker, names: ['worker'] },
  { register: registerMigrate, names: ['migrate'] },
  { register: registerBackup, names: ['backup'] },
  { register: registerConfig, names: ['config'] },
  { register: registerCompletion, names: [] },
  // @command-list
];

/** Every group's register function, in help order. */
export const COMMANDS: readonly Register[] = COMMAND_GROUPS.map((g) => g.register);
