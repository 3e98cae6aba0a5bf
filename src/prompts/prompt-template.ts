/** A variable a prompt template declares in its leading `<!-- variables: … -->` comment. */
export interface PromptVariable {
  name: string;
  description: string;
}

const VARIABLES_COMMENT = /^\s*<!--\s*variables\s*:([\s\S]*?)-->[ \t]*\r?\n?/i;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `{{name}}` or `{{ name }}`; braces around anything else (JSON examples) are left alone. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * The variables a template declares, or null when it has no variables comment. Accepts one
 * `name: description` per line (an optional leading "-" is ignored) or `<!-- variables: a, b -->`.
 */
export function parsePromptVariables(body: string): PromptVariable[] | null {
  const match = VARIABLES_COMMENT.exec(body);
  if (!match) return null;
  const out: PromptVariable[] = [];
  for (const rawLine of match[1]!.split(/\r?\n/)) {
    const line = rawLine.trim().replace(/^[-*]\s+/, '');
    if (!line) continue;
    const colon = line.indexOf(':');
    const head = (colon === -1 ? line : line.slice(0, colon)).trim();
    const description = colon === -1 ? '' : line.slice(colon + 1).trim();
    const names = head.split(',').map((n) => n.trim());
    for (const name of names) {
      if (NAME.test(name) && !out.some((v) => v.name === name)) out.push({ name, description });
    }
  }
  return out;
}

/** The body without its leading variables comment: what is actually sent to a model. */
export function stripVariablesComment(body: string): string {
  return body.replace(VARIABLES_COMMENT, '');
}

/** Placeholder names used in the body (outside the variables comment), in order of first use. */
export function placeholderNames(body: string): string[] {
  const names: string[] = [];
  for (const m of stripVariablesComment(body).matchAll(PLACEHOLDER)) {
    if (!names.includes(m[1]!)) names.push(m[1]!);
  }
  return names;
}
