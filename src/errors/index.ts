export { ERROR_CODES, errorInfo, type ErrorCode, type ErrorCodeInfo, type ErrorKind } from './codes.js';
export { Igny8Error, isIgny8Error, type FieldErrors, type Igny8ErrorOptions } from './igny8-error.js';
export { parseInput, zodFieldErrors } from './zod-error.js';
export { classifyUserError } from './classify-error.js';
