import type { FieldErrors } from '../src/index.js';

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
): ErrorEnvelope {
  return { success: false, error, code, ...(errors ? { errors } : {}), request_id: requestId };
}
