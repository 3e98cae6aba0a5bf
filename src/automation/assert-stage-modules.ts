import type { Db } from '../db/index.js';
import { Igny8Error, isIgny8Error } from '../errors/index.js';
import { assertModuleEnabled } from '../tenancy/index.js';
import type { Scope } from '../tenancy/scope.js';
import { STAGES } from './stages.js';

/**
 * MODULE_DISABLED unless the account has automation and every module the chosen stages belong to
 * (a run with the writer module off once wrote 57 articles). Checked at start, on resume and at
 * each stage, so a module switched off mid-run stops the run before its stage.
 */
export async function assertStageModules(db: Db, scope: Scope, stages: readonly number[]): Promise<void> {
  await assertModuleEnabled(db, scope, 'automation');
  for (const def of STAGES) {
    if (!stages.includes(def.n)) continue;
    try {
      await assertModuleEnabled(db, scope, def.module);
    } catch (err) {
      if (!isIgny8Error(err) || err.code !== 'MODULE_DISABLED') throw err;
      const others = STAGES.filter((s) => stages.includes(s.n) && s.module !== def.module).map((s) => s.n);
      throw new Igny8Error(
        'MODULE_DISABLED',
        `Stage ${def.n} (${def.label}) belongs to the ${def.module} module, which is disabled for this account`,
        {
          hint:
            `Enable it (\`igny8 account modules --enable ${def.module}\`)` +
            (others.length ? `, or run only the other stages (--stages ${others.join(',')}).` : '.'),
          details: { module: def.module, stage: def.n },
        },
      );
    }
  }
}
