import type { Command } from 'commander';
import { registerConfig } from './config.command.js';
import { registerMigrate } from './migrate.command.js';
// @command-imports (one line per command file)

/** Every command group, in help order. Each file only declares options; actions import lazily. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerMigrate,
  registerConfig,
  // @command-list
];
