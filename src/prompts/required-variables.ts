import { Igny8Error } from '../errors/index.js';
import { placeholderNames } from './prompt-template.js';

/** The required variables a body never uses as `{{placeholder}}`, in the order given. */
export function missingVariables(body: string, required: readonly string[]): string[] {
  const used = placeholderNames(body);
  return required.filter((name) => !used.includes(name));
}

/**
 * Refuse an override (account or task) that drops a variable its AI function needs: the model would
 * never see the outline or the target length, and every answer would fail validation after a billed
 * repair. PROMPT_MISSING_VARIABLES lists them in `details.missing`.
 * @example assertRequiredVariables('generate_content', body, ['input_json', 'target_words'])
 */
export function assertRequiredVariables(
  key: string,
  body: string,
  required: readonly string[],
  where: 'account' | 'task' = 'account',
): void {
  const missing = missingVariables(body, required);
  if (missing.length === 0) return;
  const list = missing.map((n) => `{{${n}}}`).join(', ');
  throw new Igny8Error(
    'PROMPT_MISSING_VARIABLES',
    `The ${where} override of prompt "${key}" drops ${list}, which the function needs`,
    {
      hint: `Keep ${list} in the override (see \`igny8 prompts show ${key} --default\`).`,
      fields: Object.fromEntries(
        missing.map((n) => [n, ['required by the function, missing from the prompt']]),
      ),
      details: { key, missing },
    },
  );
}
