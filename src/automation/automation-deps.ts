import type { AiEngine } from '../ai/index.js';
import type { CreditsService } from '../credits/index.js';
import type { Db } from '../db/index.js';
import type { ModelRegistry } from '../models/index.js';
import type { Notifier } from '../notifications/index.js';
import type { PlannerService } from '../planner/index.js';
import type { Publisher } from '../publishing/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import type { ContentService } from '../writer/index.js';

/** Stage 8's worker (src/refresh): rewrite or publish one refresh, fenced by the run. */
export interface RefreshWorker {
  process(
    scope: SiteScope,
    refreshId: string,
    run: {
      runId: string;
      model?: string;
      maxLinks: number;
      assertOwned(trx: Db): Promise<void>;
      beforeSave(trx: Db): Promise<void>;
    },
  ): Promise<{ credits: number; created: number }>;
}

/**
 * The services a run and its stages use. Declared here, not taken from `Core`, so automation does
 * not import the composition root that builds it (createCore passes these; a Core also fits).
 */
export interface AutomationDeps {
  db: Db;
  ai: AiEngine;
  credits: CreditsService;
  planner: PlannerService;
  content: ContentService;
  publisher: Publisher;
  /** The model registry, for cost profiles; absent in tests that build the deps by hand. */
  models?: ModelRegistry;
  /** Run results told to the bell and channels; absent in tests that build the deps by hand. */
  notify?: Notifier;
  /** The config's `ai.batch.pollSeconds` (batch mode); absent: 30 s. */
  batchPollSeconds?: number;
  /** Stage 8 (refresh existing posts); absent in tests that build the deps by hand. */
  refreshWorker?: RefreshWorker;
}
