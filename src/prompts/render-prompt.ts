import { Igny8Error } from '../errors/index.js';
import {
  parsePromptVariables,
  PLACEHOLDER,
  placeholderNames,
  stripVariablesComment,
} from './prompt-template.js';

export type PromptVars = Record<string, string | number | string[] | undefined>;

/**
 * Fill `{{name}}` placeholders in one pass (values are never re-expanded); arrays are joined with
 * newlines and the leading variables comment is dropped. A placeholder the template does not declare,
 * or one without a value, is a VALIDATION_FAILED naming it.
 * @example renderPrompt('Cluster:\n{{keywords}}', { keywords: ['a', 'b'] }) // 'Cluster:\na\nb'
 */
export function renderPrompt(body: string, vars: PromptVars): string {
  const declared = parsePromptVariables(body)?.map((v) => v.name) ?? null;
  const used = placeholderNames(body);
  const unknown = declared ? used.filter((n) => !declared.includes(n)) : [];
  const missing = used.filter((n) => !unknown.includes(n) && (vars[n] === undefined || vars[n] === null));
  if (unknown.length > 0) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      `Unknown placeholder ${unknown.map((n) => `{{${n}}}`).join(', ')} in the prompt`,
      {
        hint: `The template declares: ${declared!.join(', ') || '(nothing)'}. Fix the placeholder or declare it in the <!-- variables: --> comment.`,
        fields: Object.fromEntries(unknown.map((n) => [n, ['unknown placeholder']])),
      },
    );
  }
  if (missing.length > 0) {
    throw new Igny8Error('VALIDATION_FAILED', `Missing prompt variable ${missing.join(', ')}`, {
      hint: `Pass a value for ${missing.map((n) => `"${n}"`).join(', ')} when rendering this prompt.`,
      fields: Object.fromEntries(missing.map((n) => [n, ['no value given']])),
    });
  }
  return stripVariablesComment(body).replace(PLACEHOLDER, (_, name: string) => formatValue(vars[name]!));
}

function formatValue(value: string | number | string[]): string {
  if (Array.isArray(value)) return value.join('\n');
  return String(value);
}
