export { ERROR_CODES, errorInfo, type ErrorCode, type ErrorCodeInfo, type ErrorKind } from './codes.js';
export { Igny8Error, isIgny8Error, type FieldErrors, type Igny8ErrorOptions } from './igny8-error.js';
export { parseInput, zodFieldErrors } from './zod-error.js';
export { classifyUserError } from './classify-error.js';
export { wordHint, type HintSurface } from './hint-wording.js';
export { HINT_ACTIONS, type HintAction, type HintActionId } from '../api-contract/hint-actions.js';
