import type { Command } from 'commander';
import { COMMAND_GROUPS } from './index.js';

type Register = (program: Command) => void;

/**
 * The register functions that declare each top-level command, in help order, from each group's
 * `names` (P11): a run of `igny8 keywords list` declares `keywords` only, not all 38 commands and
 * their options (about 10 ms of CPU). A word missing here (`help`, `completion`, which reads every
 * command, an unknown one) gets every command declared; by-name.test.ts checks each entry against
 * what the groups really declare.
 */
export const COMMANDS_BY_NAME: Readonly<Record<string, readonly Register[]>> = (() => {
  const out: Record<string, Register[]> = Object.create(null) as Record<string, Register[]>;
  for (const { names, register } of COMMAND_GROUPS)
    for (const name of names) (out[name] ??= []).push(register);
  return out;
})();
