export {
  createPromptService,
  type PromptInfo,
  type PromptService,
  type PromptServiceOptions,
  type ResolvedPrompt,
} from './prompt.service.js';
export { PromptBodySchema, PromptKeySchema } from './prompt.schema.js';
export {
  parsePromptVariables,
  placeholderNames,
  stripVariablesComment,
  type PromptVariable,
} from './prompt-template.js';
export { renderPrompt, type PromptVars } from './render-prompt.js';
export { splitPrompt, VARIABLE_PART_MARKER } from './split-prompt.js';
export { assertRequiredVariables, missingVariables } from './required-variables.js';
