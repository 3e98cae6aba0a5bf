/** The short igny8.config.ts `igny8 init` writes. The type import is erased when the file loads. */
export function renderInitConfig(options: { databaseUrl: string; accountId?: string }): string {
  const account = options.accountId
    ? `  // This database holds several accounts; the CLI acts for this one (or pass --account).\n  account: ${JSON.stringify(options.accountId)},\n`
    : '';
  const url = /^postgres(ql)?:\/\//.test(options.databaseUrl)
    ? `process.env.IGNY8_DATABASE_URL ?? ${JSON.stringify(withoutPassword(options.databaseUrl))}`
    : JSON.stringify(options.databaseUrl);
  return `// igny8.config.ts — written by \`igny8 init\`. Every key, with its default, is in igny8.config.example.ts
// (shipped with igny8); \`igny8 config show\` prints the effective config. Keep API keys in the
// environment (OPENAI_API_KEY, …) or in \`igny8 providers set-key\`, never in this file.
import type { Igny8ConfigInput } from 'igny8';

const config: Igny8ConfigInput = {
  database: {
    // sqlite:<file> (embedded, one file) or postgres://user@host:5432/db (teams, workers). A
    // PostgreSQL password lives in the environment: IGNY8_DATABASE_URL (the whole URL) or PGPASSWORD.
    url: ${url},
  },
${account}};

export default config;
`;
}

/** A postgres:// URL without its password (it belongs in the environment, not in a file). */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1@');
  }
}

/** Whether a database URL carries a password. */
export function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return /\/\/[^:/@]+:[^@]+@/.test(url);
  }
}
