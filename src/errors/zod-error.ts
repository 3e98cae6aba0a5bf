import type { z } from 'zod';
import { Igny8Error, type FieldErrors } from './igny8-error.js';

/** Field errors keyed by dotted path ("" for the root), each message naming what was expected. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Parse `input` with `schema` or throw VALIDATION_FAILED naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = zodFieldErrors(result.error);
  const first = Object.entries(fields)[0];
  const summary = first ? `${first[0] || what}: ${first[1][0]}` : 'invalid';
  throw new Igny8Error('VALIDATION_FAILED', `Invalid ${what} — ${summary}`, {
    fields,
    hint: 'Fix the fields listed and try again.',
  });
}
