import { pino, stdTimeFunctions, type DestinationStream } from 'pino';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Where secrets sit in the objects we log: pino blanks these paths when it writes the line.
 * Header names are lower-case in Node, so `headers.authorization` covers "Authorization" too.
 */
const SECRET_NAMES = [
  'password',
  'newPassword',
  'currentPassword',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'api_key',
  'authorization',
  'cookie',
  'key',
];
export const REDACT_PATHS = [
  ...SECRET_NAMES,
  ...SECRET_NAMES.map((n) => `*.${n}`),
  ...SECRET_NAMES.map((n) => `*.*.${n}`),
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];

// Field names whose values never reach a log line, whatever a caller passes in: the paths above
// name the secrets we know of, this catches the ones nobody listed (smtpPassword, clientSecret…).
const SECRET_FIELD = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|^key$/i;

/** Replace secret-looking fields with "[redacted]", recursively (bounded depth). */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_FIELD.test(k) && v !== undefined && v !== null ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

/**
 * Structured logs through pino: one JSON line per entry on `write` (stderr by default), at or above
 * `level`, shaped `{ level: "info", time: ISO, message, ...fields }`. Secrets are redacted by path
 * (pino's `redact`) and by field name, so a token or password passed by mistake never lands in a log.
 */
export function createLogger(level: LogLevel = 'info', write?: (line: string) => void): Logger {
  const destination: DestinationStream = write
    ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
    : pino.destination({ fd: 2, sync: true });
  const log = pino(
    {
      level,
      base: undefined,
      messageKey: 'message',
      timestamp: stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => redact(fields) as Record<string, unknown>,
      },
    },
    destination,
  );
  return {
    error: (m, f) => log.error(f ?? {}, m),
    warn: (m, f) => log.warn(f ?? {}, m),
    info: (m, f) => log.info(f ?? {}, m),
    debug: (m, f) => log.debug(f ?? {}, m),
  };
}
