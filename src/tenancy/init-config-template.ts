/** The short igny8.config.ts `igny8 init` writes. The type import is erased when the file loads. */
export function renderInitConfig(options: { databaseUrl: string; accountId?: string }): string {
  const account = options.accountId
    ? `  // This database holds several accounts; the CLI acts for this one (or pass --account).\n  account: ${JSON.stringify(options.accountId)},\n`
    : '';
  return `// igny8.config.ts — written by \`igny8 init\`. Every key, with its default, is in igny8.config.example.ts
// (shipped with igny8); \`igny8 config show\` prints the effective config. Keep API keys in the
// environment (OPENAI_API_KEY, …) or in \`igny8 providers set-key\`, never in this file.
import type { Igny8ConfigInput } from 'igny8';

const config: Igny8ConfigInput = {
  database: {
    // sqlite:<file> (embedded, one file) or postgres://user:password@host:5432/db (teams, workers).
    url: ${JSON.stringify(options.databaseUrl)},
  },
${account}};

export default config;
`;
}
