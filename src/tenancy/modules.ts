import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import { parseJson } from '../util/json.js';
import { currentAccountRow } from './current-account-row.js';
import type { Scope } from './scope.js';

/** Modules an account can switch off. The guard is enforced in the core and the API, not only in menus. */
export const MODULES = [
  'planner',
  'writer',
  'images',
  'automation',
  'publishing',
  'linker',
  'optimizer',
] as const;

export type ModuleName = (typeof MODULES)[number];

export function isModuleName(name: string): name is ModuleName {
  return (MODULES as readonly string[]).includes(name);
}

/** Every module's state from the stored map; a module missing from it is enabled. */
export function moduleStates(stored: string | null | undefined): Record<ModuleName, boolean> {
  const map = parseJson<Record<string, unknown>>(stored, {});
  return Object.fromEntries(MODULES.map((m) => [m, map[m] !== false])) as Record<ModuleName, boolean>;
}

/**
 * Throw MODULE_DISABLED unless the account has `module` enabled.
 * @example await assertModuleEnabled(db, scope, 'writer')
 */
export async function assertModuleEnabled(db: Db, scope: Scope, module: string): Promise<void> {
  if (!isModuleName(module)) {
    // A caller naming a module that does not exist is our bug, not the user's.
    throw new Igny8Error('INTERNAL', `Unknown module "${module}" (known: ${MODULES.join(', ')})`);
  }
  const row = await currentAccountRow(db, scope);
  if (!row) throw new Igny8Error('ACCOUNT_NOT_FOUND', `No account with id "${scope.accountId}"`);
  if (!moduleStates(row.modules)[module]) {
    throw new Igny8Error('MODULE_DISABLED', `The ${module} module is disabled for this account`, {
      action: { id: 'enable_module', params: { module } },
      details: { module },
    });
  }
}
