import { Igny8Error } from '../src/index.js';

const isPlain = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Paths of the fields a caller sent that the schema dropped: zod strips unknown keys, so whatever is
 * in the input but missing from the parsed output was never read (a typo, or `stages` beside
 * `options`). Records keep every key, so they never count; a transformed value stops the walk.
 */
export function unknownFields(input: unknown, output: unknown, prefix = ''): string[] {
  if (Array.isArray(input) && Array.isArray(output) && input.length === output.length)
    return input.flatMap((v, i) => unknownFields(v, output[i], `${prefix}${i}.`));
  if (!isPlain(input) || !isPlain(output)) return [];
  return Object.keys(input).flatMap((key) =>
    Object.hasOwn(output, key)
      ? unknownFields(input[key], output[key], `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

/** 400 UNKNOWN_FIELDS naming every field the body's schema does not know, so nothing is silently ignored. */
export function assertNoUnknownFields(input: unknown, output: unknown): void {
  const unknown = unknownFields(input, output);
  if (unknown.length > 0) throw unknownFieldsError(unknown);
}

export function unknownFieldsError(unknown: string[]): Igny8Error {
  return new Igny8Error(
    'UNKNOWN_FIELDS',
    `Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
    {
      hint: 'Remove them or check their spelling and place against the API reference (/api/v1/openapi.json).',
      fields: Object.fromEntries(unknown.map((f) => [f, ['Unknown field']])),
    },
  );
}
