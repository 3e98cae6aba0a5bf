import { PROVIDERS } from '../providers/providers.js';

/** Environment variables that override config keys; secrets are read from here before the config file. */
export const ENV_OVERRIDES: ReadonlyArray<{ env: string; path: string[]; type?: 'number' | 'boolean' }> = [
  { env: 'IGNY8_DATABASE_URL', path: ['database', 'url'] },
  { env: 'IGNY8_ACCOUNT', path: ['account'] },
  ...PROVIDERS.flatMap((p) => [
    { env: p.keyEnv, path: ['providers', p.id, 'apiKey'] },
    { env: p.baseUrlEnv, path: ['providers', p.id, 'baseUrl'] },
  ]),
  { env: 'IGNY8_TEXT_MODEL', path: ['ai', 'textModel'] },
  { env: 'IGNY8_IMAGE_MODEL', path: ['ai', 'imageModel'] },
  { env: 'IGNY8_MEDIA_DIR', path: ['media', 'dir'] },
  { env: 'IGNY8_KEY_FILE', path: ['secrets', 'keyFile'] },
  { env: 'IGNY8_HOST', path: ['server', 'host'] },
  { env: 'IGNY8_PORT', path: ['server', 'port'], type: 'number' },
  { env: 'IGNY8_JWT_SECRET', path: ['server', 'jwtSecret'] },
  { env: 'IGNY8_LOG_LEVEL', path: ['log', 'level'] },
  { env: 'IGNY8_SMTP_URL', path: ['mail', 'smtpUrl'] },
  { env: 'IGNY8_MAIL_FROM', path: ['mail', 'from'] },
  { env: 'IGNY8_GSC_API_URL', path: ['searchConsole', 'apiBaseUrl'] },
  { env: 'IGNY8_GSC_TOKEN_URL', path: ['searchConsole', 'tokenUrl'] },
  { env: 'IGNY8_KB_PARSE_TIMEOUT_MS', path: ['kb', 'parseTimeoutMs'], type: 'number' },
];

export function applyEnvOverrides(
  raw: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Record<string, unknown> {
  const out = structuredClone(raw);
  for (const { env: name, path, type } of ENV_OVERRIDES) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    let node: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node = (node[key] = typeof next === 'object' && next !== null ? next : {}) as Record<string, unknown>;
    }
    node[path[path.length - 1]!] =
      type === 'number' ? Number(value) : type === 'boolean' ? value === 'true' : value;
  }
  return out;
}
