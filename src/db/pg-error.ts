import { Igny8Error } from '../errors/index.js';

interface PgLikeError {
  code?: string;
  message?: string;
  routine?: string;
}

// SQLSTATEs that mean "the database or the network", not "igny8 has a bug".
const LOCK_NOT_AVAILABLE = '55P03';
const QUERY_CANCELED = '57014';
const IDLE_IN_TRANSACTION_TIMEOUT = '25P03';
const CONNECTION_GONE = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const SOCKET_GONE = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const TERMINATED = /connection terminated|terminating connection|not queryable|Connection ended/i;

/**
 * Turn a driver error raised while a connection is in use into a transient igny8 error (lock or
 * statement timeout, a connection the server or the network ended), or null when it is something
 * else (a constraint, a bug). The driver error stays the `cause`, so its SQLSTATE is still readable.
 */
export function classifyPgQueryError(err: unknown): Igny8Error | null {
  if (!(err instanceof Error)) return null;
  const e = err as Error & PgLikeError;
  if (e.code === LOCK_NOT_AVAILABLE)
    return new Igny8Error(
      'DATABASE_BUSY',
      'A database row stayed locked longer than database.lockTimeoutMs',
      {
        hint: 'Another process held the lock (it may be stalled); try again. Raise database.lockTimeoutMs if this is routine.',
        cause: err,
      },
    );
  if (e.code === QUERY_CANCELED)
    return new Igny8Error(
      'DATABASE_TIMEOUT',
      'A database statement ran longer than database.statementTimeoutMs',
      {
        hint: 'Try again; raise database.statementTimeoutMs if the statement is legitimately long.',
        cause: err,
      },
    );
  if (e.code === IDLE_IN_TRANSACTION_TIMEOUT)
    return new Igny8Error(
      'DATABASE_CONNECTION_LOST',
      'The database ended a transaction left idle longer than database.idleInTransactionTimeoutMs',
      {
        hint: 'This process stalled mid-transaction (stopped, paused VM); its work was rolled back. Try again.',
        cause: err,
      },
    );
  if (
    (e.code && (CONNECTION_GONE.has(e.code) || SOCKET_GONE.has(e.code))) ||
    TERMINATED.test(e.message ?? '')
  )
    return new Igny8Error('DATABASE_CONNECTION_LOST', `The database connection was lost: ${e.message}`, {
      hint: 'Check that PostgreSQL is up and reachable, then try again.',
      cause: err,
    });
  return null;
}

/** Where the URL points, without its password, for messages. */
function target(url: string): { host: string; port: string; database: string; user: string } {
  try {
    const u = new URL(url);
    return {
      host: u.hostname || 'localhost',
      port: u.port || '5432',
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default)',
      user: decodeURIComponent(u.username) || '(default)',
    };
  } catch {
    return { host: '?', port: '?', database: '?', user: '?' };
  }
}

/**
 * Turn a failure to connect (no database, wrong port, unknown role, wrong password, unknown host)
 * into its own code with one line and a hint; anything else goes through `classifyPgQueryError`.
 */
export function classifyPgConnectError(err: unknown, url: string): Igny8Error | null {
  if (!(err instanceof Error)) return null;
  const e = err as Error & PgLikeError;
  const t = target(url);
  switch (e.code) {
    case '3D000':
      return new Igny8Error(
        'DATABASE_NOT_FOUND',
        `PostgreSQL at ${t.host}:${t.port} has no database "${t.database}"`,
        {
          hint: `Create it (\`createdb -h ${t.host} -p ${t.port} ${t.database}\`), or fix the database name in database.url (IGNY8_DATABASE_URL).`,
          cause: err,
        },
      );
    case '28000':
    case '28P01':
      return new Igny8Error(
        'DATABASE_AUTH_FAILED',
        e.code === '28P01'
          ? `PostgreSQL at ${t.host}:${t.port} refused the password for role "${t.user}"`
          : `PostgreSQL at ${t.host}:${t.port} refused role "${t.user}": ${e.message}`,
        {
          hint: 'Check the user and password in IGNY8_DATABASE_URL (create the role with `createuser`, see docs/self-hosting.md).',
          cause: err,
        },
      );
    case 'ECONNREFUSED':
      return new Igny8Error('DATABASE_UNAVAILABLE', `Nothing accepts connections at ${t.host}:${t.port}`, {
        hint: 'Start PostgreSQL, or fix the host and port in database.url (IGNY8_DATABASE_URL).',
        cause: err,
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new Igny8Error('DATABASE_UNAVAILABLE', `Cannot resolve the database host "${t.host}"`, {
        hint: 'Fix the host in database.url (IGNY8_DATABASE_URL), or check DNS.',
        cause: err,
      });
    default:
      if (/timeout expired/i.test(e.message))
        return new Igny8Error('DATABASE_UNAVAILABLE', `No answer from PostgreSQL at ${t.host}:${t.port}`, {
          hint: 'Check that the host is reachable and PostgreSQL is running.',
          cause: err,
        });
      return classifyPgQueryError(err);
  }
}

/** Lock timeouts, deadlocks and serialization failures: the transaction was rolled back and may run again. */
export function isRetryableTransactionError(err: unknown): boolean {
  const code =
    err instanceof Igny8Error
      ? (err.cause as PgLikeError | undefined)?.code
      : (err as PgLikeError | undefined)?.code;
  return code === LOCK_NOT_AVAILABLE || code === '40P01' || code === '40001';
}
