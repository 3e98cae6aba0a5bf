import type { FieldErrors, HintAction } from '../src/index.js';

export interface SuccessEnvelope<T> {
  success: true;
  data: T;
  message?: string;
  request_id: string;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface ErrorEnvelope {
  success: false;
  error: string;
  code: string;
  errors?: FieldErrors;
  /** What to do, worded for API callers (only when the error names an action). */
  hint?: string;
  /** The same action for clients that word it themselves (the dashboard). */
  action?: HintAction;
  request_id: string;
}

export function successBody<T>(data: T, requestId: string, message?: string): SuccessEnvelope<T> {
  return { success: true, data, ...(message ? { message } : {}), request_id: requestId };
}

export function errorBody(
  code: string,
  error: string,
  requestId: string,
  errors?: FieldErrors,
  next?: { hint?: string | undefined; action?: HintAction | undefined },
): ErrorEnvelope {
  return {
    success: false,
    error,
    code,
    ...(errors ? { errors } : {}),
    ...(next?.hint ? { hint: next.hint } : {}),
    ...(next?.action ? { action: next.action } : {}),
    request_id: requestId,
  };
}
