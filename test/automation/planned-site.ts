import fs from 'node:fs';
import path from 'node:path';
import { importKeywords } from '../../src/planner/index.js';
import type { DialectName } from '../../src/db/index.js';
import { createAiKit, type AiKit } from '../ai/ai-kit.js';
import { FIXTURES } from '../helpers/project.js';

/**
 * A tenant with credits whose site has the Semrush coffee keywords planned (stages 1–3, three ideas a
 * cluster), ready for the writing stages; `plan` is the planning run's result.
 */
export async function plannedSite(dialect: DialectName) {
  const kit: AiKit = await createAiKit(dialect, { credits: 100_000 });
  const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
  await importKeywords(kit.core.db, kit.scope, {
    bytes: fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv')),
  } as never);
  const plan = await kit.core.automation.start(site, {
    options: { stages: [1, 2, 3], ideasPerCluster: 3 },
  });
  return { kit, site, plan };
}
