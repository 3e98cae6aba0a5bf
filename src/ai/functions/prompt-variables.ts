/**
 * The placeholders every override of a function's prompt must keep, by prompt key. Its own light
 * module so the prompt service can check overrides without importing every AI function and its
 * schemas (P11: a `keywords list` paid for them on start); each function's descriptor reads its entry.
 */
export const PROMPT_REQUIRED_VARIABLES = {
  auto_cluster: ['input_json'],
  generate_ideas: ['count', 'input_json'],
  generate_content: ['title', 'focus_keyword', 'target_words', 'input_json'],
  generate_image_prompts: ['max_images', 'input_json'],
  generate_images: ['prompt'],
  optimize_content: ['focus_keyword', 'input_json'],
  suggest_links: ['max_links', 'input_json'],
} as const satisfies Record<string, readonly string[]>;

/** The variables an override of prompt `key` must keep (none for an unknown key). */
export function requiredPromptVariables(key: string): readonly string[] {
  const table: Readonly<Record<string, readonly string[]>> = PROMPT_REQUIRED_VARIABLES;
  return table[key] ?? [];
}
