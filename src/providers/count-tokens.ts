/** The tokenizer module, loaded on first use: its BPE table is large and most commands never need it. */
let tokenizer: Promise<{ countTokens(text: string): number }> | undefined;

/**
 * Tokens in `text` by a real BPE tokenizer (OpenAI's o200k_base, via gpt-tokenizer). Other providers'
 * tokenizers differ by a few percent — close enough to bill an answer that reported no usage.
 * @example await countTokens('Hello world') // → 2
 */
export async function countTokens(text: string): Promise<number> {
  if (!text) return 0;
  tokenizer ??= import('gpt-tokenizer/encoding/o200k_base');
  return (await tokenizer).countTokens(text);
}
