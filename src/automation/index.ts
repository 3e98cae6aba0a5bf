export {
  createAutomationService,
  toRunView,
  type AutomationService,
  type RunView,
  type StartRunInput,
} from './automation.service.js';
export { estimateRun, type RunEstimate, type StageCounts, type StagePlan } from './estimate-run.js';
export type { RunEvent, RunEventListener } from './run-events.js';
export { RunOptionsSchema, type RunOptions, type RunOptionsInput } from './run-options.schema.js';
export {
  emptyResults,
  resultsByNumber,
  resultsFromJson,
  stageByKey,
  stageByNumber,
  STAGE_NUMBERS,
  STAGES,
  type StageDescriptor,
  type StageKey,
  type StageResult,
  type StageResults,
} from './stages.js';
export {
  COST_PROFILES,
  COST_PROFILE_KEYS,
  pickProfile,
  type CostProfileKey,
  type ProfileChoice,
} from './cost-profiles.js';
export { runCost, type RunCost, type StageCost } from './run-cost.js';
export {
  compareProfiles,
  CompareInputSchema,
  type CompareInput,
  type Comparison,
  type ProfileComparison,
} from './compare-profiles.js';
