import type { z } from 'zod';
import type { AnyTextAiFunction } from './ai-function.js';

export type ParsedOutput = { ok: true; value: unknown } | { ok: false; errors: string[] };

/** JSON from a model's text: plain, fenced in ```json, or wrapped in a sentence of prose. */
export function extractJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i.exec(trimmed)?.[1];
  const attempts = [fenced ?? trimmed];
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  if (start > 0 || (end !== -1 && end < trimmed.length - 1)) attempts.push(trimmed.slice(start, end + 1));
  let error = 'the answer is empty';
  for (const candidate of attempts) {
    if (!candidate) continue;
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch (err) {
      error = (err as Error).message;
    }
  }
  return { ok: false, error: `the answer is not valid JSON (${error})` };
}

/** zod issues as "path: message" lines a model can act on. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 30).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

/** Parse, validate against the function's output schema, then its own checks against the input. */
export function parseOutput(fn: AnyTextAiFunction, input: unknown, text: string): ParsedOutput {
  const json = extractJson(text);
  if (!json.ok) return { ok: false, errors: [json.error] };
  const parsed = fn.output.safeParse(json.value);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error) };
  const problems = fn.check?.(input, parsed.data) ?? [];
  return problems.length ? { ok: false, errors: problems.slice(0, 30) } : { ok: true, value: parsed.data };
}

/** After the repair failed: let the function drop what is still wrong, and accept it when that passes. */
export function salvageOutput(fn: AnyTextAiFunction, input: unknown, text: string): ParsedOutput {
  if (!fn.fix) return parseOutput(fn, input, text);
  const json = extractJson(text);
  if (!json.ok) return { ok: false, errors: [json.error] };
  const parsed = fn.output.safeParse(json.value);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error) };
  const fixed = fn.output.safeParse(fn.fix(input, parsed.data));
  if (!fixed.success) return { ok: false, errors: formatIssues(fixed.error) };
  const problems = fn.check?.(input, fixed.data) ?? [];
  return problems.length ? { ok: false, errors: problems.slice(0, 30) } : { ok: true, value: fixed.data };
}

/** The message that sends the validation errors back for the one repair attempt. */
export function repairMessage(errors: string[]): string {
  return [
    'Your previous answer could not be used. Problems found:',
    ...errors.map((e) => `- ${e}`),
    '',
    'Reply again with the complete, corrected JSON object only: no prose, no code fences, every required field present, matching the schema.',
  ].join('\n');
}
