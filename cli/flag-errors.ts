import type { Command } from 'commander';

/** Core field names whose flag is not simply their kebab-case (run options). */
const FIELD_FLAGS: Record<string, string> = {
  maxItemsPerStage: '--max-items',
  clusterMethod: '--method',
  sectorId: '--sector',
  siteId: '--site',
};

interface ValidationLike extends Error {
  code: string;
  fields?: Record<string, string[]>;
  hint?: string;
}

/** The flag of `command` a core field came from, if the user gave it as a flag. */
export function flagForField(command: Command, field: string): string | undefined {
  const wanted = FIELD_FLAGS[field];
  const opt = command.options.find((o) => (wanted ? o.long === wanted : o.attributeName() === field));
  return opt?.long ?? undefined;
}

/**
 * Validation errors name the core's fields (`maxCredits: Too small`); on the command line the user
 * typed `--max-credits`. Rewrites the message, fields and hint in place to name the flags.
 */
export function nameFlagsInValidation(err: unknown, command: Command): void {
  const e = err as ValidationLike;
  if (!(err instanceof Error) || e.code !== 'VALIDATION_FAILED' || !e.fields) return;
  const renamed: Record<string, string[]> = {};
  const flags: string[] = [];
  for (const [field, messages] of Object.entries(e.fields)) {
    const flag = flagForField(command, field);
    renamed[flag ?? field] = messages;
    if (flag) flags.push(flag);
  }
  if (flags.length === 0) return;
  const [first, messages] = Object.entries(renamed).find(([k]) => flags.includes(k))!;
  e.message = `Invalid ${first}: ${messages[0]}`;
  e.fields = renamed;
  e.hint = `Fix ${flags.join(', ')} and try again (\`${commandPath(command)} --help\` lists the values).`;
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
