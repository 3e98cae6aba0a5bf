/**
 * The one error catalog. Every error igny8 raises carries one of these codes; the CLI maps it to an
 * exit code, the server to an HTTP status. Codes are permanent: rename nothing, only add.
 *
 * kind: `user` — the user can fix it (one-line message + hint, no stack);
 *       `transient` — try again later; `bug` — ours, printed with a stack and a request to report it.
 */
export type ErrorKind = 'user' | 'transient' | 'bug';

export interface ErrorCodeInfo {
  status: number;
  exit: number;
  kind: ErrorKind;
  title: string;
}

/**
 * Exit codes: 1 bug, 2 bad input, 3 not found, 4 conflict, 5 limits/credits, 6 auth, 7 transient,
 * 8 config/environment, 9 run completed with failed items, 130 interrupted (Ctrl-C), 141 output closed.
 */
export const ERROR_CODES = {
  INTERNAL: { status: 500, exit: 1, kind: 'bug', title: 'Internal error' },
  VALIDATION_FAILED: { status: 400, exit: 2, kind: 'user', title: 'Invalid input' },
  UNKNOWN_FIELDS: { status: 400, exit: 2, kind: 'user', title: 'Unknown fields in the request' },
  REQUEST_TOO_DEEP: { status: 400, exit: 2, kind: 'user', title: 'Request body nested too deep' },
  USAGE: { status: 400, exit: 2, kind: 'user', title: 'Invalid command usage' },
  CONFIG_INVALID: { status: 500, exit: 8, kind: 'user', title: 'Invalid configuration' },
  CONFIG_NOT_FOUND: { status: 500, exit: 8, kind: 'user', title: 'Configuration not found' },
  NOT_INITIALIZED: { status: 500, exit: 8, kind: 'user', title: 'Project not initialized' },
  ALREADY_INITIALIZED: { status: 409, exit: 4, kind: 'user', title: 'Project already initialized' },
  DATABASE_UNAVAILABLE: { status: 503, exit: 7, kind: 'transient', title: 'Database unavailable' },
  DATABASE_URL_INVALID: { status: 500, exit: 8, kind: 'user', title: 'Unsupported database URL' },
  DATABASE_NOT_FOUND: { status: 503, exit: 8, kind: 'user', title: 'Database does not exist' },
  DATABASE_AUTH_FAILED: { status: 503, exit: 8, kind: 'user', title: 'Database refused the login' },
  DATABASE_BUSY: { status: 503, exit: 7, kind: 'transient', title: 'Database lock wait timed out' },
  DATABASE_TIMEOUT: { status: 503, exit: 7, kind: 'transient', title: 'Database statement timed out' },
  DATABASE_CONNECTION_LOST: { status: 503, exit: 7, kind: 'transient', title: 'Database connection lost' },
  SECRET_NOT_SHARED: { status: 500, exit: 8, kind: 'user', title: 'Shared secret not configured' },
  MEDIA_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Media file not found' },
  MIGRATIONS_PENDING: { status: 503, exit: 8, kind: 'user', title: 'Database migrations pending' },
  MIGRATION_FAILED: { status: 500, exit: 1, kind: 'bug', title: 'Migration failed' },

  MAIL_NOT_CONFIGURED: { status: 503, exit: 8, kind: 'user', title: 'Mail is not configured' },
  MAIL_SEND_FAILED: { status: 502, exit: 7, kind: 'transient', title: 'Sending mail failed' },

  NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Not found' },
  ACCOUNT_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Account not found' },
  USER_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'User not found' },
  SITE_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Site not found' },
  SECTOR_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Sector not found' },
  API_KEY_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'API key not found' },
  MODEL_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Model not found' },
  PLAN_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Plan not found' },
  PROMPT_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Prompt not found' },
  PROMPT_MISSING_VARIABLES: {
    status: 400,
    exit: 2,
    kind: 'user',
    title: 'Prompt override drops variables its function needs',
  },
  KEYWORD_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Keyword not found' },
  CLUSTER_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Cluster not found' },
  IDEA_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Idea not found' },
  TASK_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Task not found' },
  CONTENT_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Content not found' },
  IMAGE_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Image not found' },
  RUN_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Automation run not found' },
  DESTINATION_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Publishing destination not found' },
  INVENTORY_UNSUPPORTED: {
    status: 400,
    exit: 2,
    kind: 'user',
    title: 'Destination cannot list existing posts',
  },
  NOTIFICATION_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Notification not found' },
  FILE_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'File not found' },

  CONFLICT: { status: 409, exit: 4, kind: 'user', title: 'Conflict' },
  ALREADY_EXISTS: { status: 409, exit: 4, kind: 'user', title: 'Already exists' },
  INVITE_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Invite not found' },
  INVITE_EXPIRED: { status: 410, exit: 4, kind: 'user', title: 'Invite expired or already used' },
  CONTENT_EDITED_AFTER_APPROVAL: {
    status: 409,
    exit: 4,
    kind: 'user',
    title: 'Article changed after it was approved',
  },
  CONTENT_CHANGED: {
    status: 409,
    exit: 4,
    kind: 'user',
    title: 'Article changed since this edit started',
  },
  EMAIL_TAKEN: { status: 409, exit: 4, kind: 'user', title: 'Email already registered' },
  RUN_LEASE_LOST: { status: 409, exit: 4, kind: 'transient', title: 'Run taken over by another process' },
  RUN_ALREADY_ACTIVE: { status: 409, exit: 4, kind: 'user', title: 'A run is already active for this site' },
  INVALID_STATE: { status: 409, exit: 4, kind: 'user', title: 'Not allowed in the current state' },
  LAST_OWNER: { status: 409, exit: 4, kind: 'user', title: 'Cannot remove the last owner' },
  DEFAULT_MODEL_REQUIRED: { status: 409, exit: 4, kind: 'user', title: 'A default model is required' },
  MODEL_AMBIGUOUS: { status: 400, exit: 2, kind: 'user', title: 'Model reference is ambiguous' },
  MODEL_INACTIVE: { status: 409, exit: 4, kind: 'user', title: 'Model is disabled' },
  PROVIDER_CANNOT_SERVE_TYPE: {
    status: 400,
    exit: 2,
    kind: 'user',
    title: 'The provider cannot serve this model type',
  },

  INSUFFICIENT_CREDITS: { status: 402, exit: 5, kind: 'user', title: 'Not enough credits' },
  CREDIT_CAP_REACHED: { status: 402, exit: 5, kind: 'user', title: 'Credit cap for this run reached' },
  PLAN_LIMIT_REACHED: { status: 403, exit: 5, kind: 'user', title: 'Plan limit reached' },
  MODULE_DISABLED: { status: 403, exit: 5, kind: 'user', title: 'Module disabled' },
  HOLD_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Credit hold not found' },
  HOLD_ALREADY_RESOLVED: { status: 409, exit: 4, kind: 'user', title: 'Credit hold already resolved' },
  SETTLE_EXCEEDS_HOLD: { status: 409, exit: 4, kind: 'user', title: 'Settle amount exceeds the hold' },
  ACCOUNT_SUSPENDED: { status: 403, exit: 6, kind: 'user', title: 'Account suspended' },

  UNAUTHENTICATED: { status: 401, exit: 6, kind: 'user', title: 'Authentication required' },
  INVALID_CREDENTIALS: { status: 401, exit: 6, kind: 'user', title: 'Invalid credentials' },
  TOKEN_INVALID: { status: 401, exit: 6, kind: 'user', title: 'Invalid or expired token' },
  FORBIDDEN: { status: 403, exit: 6, kind: 'user', title: 'Not allowed for your role' },
  RATE_LIMITED: { status: 429, exit: 7, kind: 'transient', title: 'Too many requests' },

  SECRET_KEY_MISSING: { status: 500, exit: 8, kind: 'user', title: 'Master key unavailable' },
  SECRET_DECRYPT_FAILED: { status: 500, exit: 8, kind: 'user', title: 'Could not decrypt a stored secret' },
  PROVIDER_NOT_CONFIGURED: { status: 400, exit: 8, kind: 'user', title: 'Provider not configured' },
  PROVIDER_AUTH: { status: 502, exit: 6, kind: 'user', title: 'Provider rejected the API key' },
  PROVIDER_RATE_LIMIT: { status: 503, exit: 7, kind: 'transient', title: 'Provider rate limit' },
  PROVIDER_TRANSIENT: { status: 503, exit: 7, kind: 'transient', title: 'Provider temporarily unavailable' },
  PROVIDER_BAD_REQUEST: { status: 502, exit: 2, kind: 'user', title: 'Provider rejected the request' },
  PROVIDER_REFUSED: { status: 422, exit: 2, kind: 'user', title: 'Provider refused the content' },
  PROVIDER_INVALID_OUTPUT: {
    status: 502,
    exit: 7,
    kind: 'transient',
    title: 'Provider returned invalid output',
  },
  PROVIDER_TIMEOUT: { status: 504, exit: 7, kind: 'transient', title: 'Provider timed out' },

  IMPORT_FAILED: { status: 400, exit: 2, kind: 'user', title: 'Import failed' },
  IMPORT_OUT_OF_MEMORY: {
    status: 422,
    exit: 2,
    kind: 'user',
    title: 'Reading the import needed too much memory',
  },
  UNSUPPORTED_FORMAT: { status: 400, exit: 2, kind: 'user', title: 'Unsupported file format' },
  KB_SOURCE_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Knowledge-base source not found' },
  KB_SOURCE_TOO_LARGE: { status: 413, exit: 2, kind: 'user', title: 'Knowledge-base source too large' },
  KB_SOURCE_UNREADABLE: {
    status: 400,
    exit: 2,
    kind: 'user',
    title: 'Knowledge-base source could not be read',
  },
  KB_FETCH_FAILED: { status: 502, exit: 7, kind: 'transient', title: 'Fetching the page failed' },
  KB_PARSE_TIMEOUT: {
    status: 422,
    exit: 2,
    kind: 'user',
    title: 'Reading the document took too long',
  },
  KB_PARSE_OUT_OF_MEMORY: {
    status: 422,
    exit: 2,
    kind: 'user',
    title: 'Reading the document needed too much memory',
  },

  PUBLISH_FAILED: { status: 502, exit: 7, kind: 'transient', title: 'Publishing failed' },
  WP_AUTH_FAILED: { status: 400, exit: 6, kind: 'user', title: 'WordPress rejected the credentials' },
  WP_UNREACHABLE: { status: 502, exit: 7, kind: 'transient', title: 'WordPress site unreachable' },
  WP_REST_UNAVAILABLE: { status: 400, exit: 2, kind: 'user', title: 'WordPress REST API unavailable' },
  WP_PERMALINKS: { status: 400, exit: 2, kind: 'user', title: 'WordPress permalinks not enabled' },
  WP_FORBIDDEN: { status: 400, exit: 6, kind: 'user', title: 'WordPress user lacks a permission' },
  WP_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'WordPress object not found' },
  WP_REQUEST_REJECTED: { status: 400, exit: 2, kind: 'user', title: 'WordPress rejected the request' },
  WP_RATE_LIMITED: { status: 503, exit: 7, kind: 'transient', title: 'WordPress rate limit' },
  WP_SERVER_ERROR: { status: 502, exit: 7, kind: 'transient', title: 'WordPress server error' },
  URL_NOT_ALLOWED: { status: 400, exit: 2, kind: 'user', title: 'URL not allowed' },
  WP_POST_DELETED: { status: 409, exit: 4, kind: 'user', title: 'Post was deleted on the site' },
  SAMPLE_CONTENT: { status: 409, exit: 4, kind: 'user', title: 'Sample (sandbox) content' },

  MALFORMED_BODY: { status: 400, exit: 2, kind: 'user', title: 'Malformed request body' },
  PAYLOAD_TOO_LARGE: { status: 413, exit: 2, kind: 'user', title: 'Request body too large' },

  WORKERS_NEED_POSTGRES: { status: 400, exit: 8, kind: 'user', title: 'Workers need PostgreSQL' },

  SCHEDULE_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Schedule not found' },
  SCHEDULE_INVALID: { status: 400, exit: 2, kind: 'user', title: 'Invalid schedule cadence' },
  CHANNEL_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Notification channel not found' },
  NOTIFY_DELIVERY_FAILED: { status: 502, exit: 7, kind: 'transient', title: 'Notification delivery failed' },
  // A run that finished but left items failed: CI can tell it from success (0) and from a stop.
  RUN_COMPLETED_WITH_FAILURES: {
    status: 200,
    exit: 9,
    kind: 'user',
    title: 'Run completed with failed items',
  },
  RUN_CANCELLED: { status: 409, exit: 4, kind: 'user', title: 'Run cancelled' },
  // Not a failure: a scheduled or CI run with nothing new exits 0 and records no empty run.
  NOTHING_TO_DO: { status: 409, exit: 0, kind: 'user', title: 'Nothing to do' },
  DATABASE_CORRUPT: {
    status: 500,
    exit: 8,
    kind: 'user',
    title: 'Database file is damaged or not a database',
  },
  PERMISSION_DENIED: { status: 500, exit: 8, kind: 'user', title: 'Permission denied on a file or folder' },
  INTERRUPTED: { status: 499, exit: 130, kind: 'user', title: 'Interrupted' },
  // Batch mode: the run stopped while items waited in a provider batch; resuming picks the batch up.
  BATCH_PENDING: {
    status: 409,
    exit: 4,
    kind: 'transient',
    title: 'Answer still pending in a provider batch',
  },
  BATCH_EXPIRED: {
    status: 504,
    exit: 7,
    kind: 'transient',
    title: 'Provider batch expired before answering',
  },
  OUTPUT_CLOSED: { status: 499, exit: 141, kind: 'user', title: 'Output closed by the reader' },
  // Search Console (issue 19).
  GSC_AGGREGATED_EXPORT: {
    status: 400,
    exit: 2,
    kind: 'user',
    title: 'Search Console export without per-day rows',
  },
  GSC_OFF_DOMAIN: {
    status: 400,
    exit: 2,
    kind: 'user',
    title: "Search Console pages are not on the site's domain",
  },
  GSC_NOT_CONFIGURED: { status: 400, exit: 8, kind: 'user', title: 'Search Console access not configured' },
  GSC_KEY_INVALID: { status: 400, exit: 2, kind: 'user', title: 'Invalid Google service-account key' },
  GSC_AUTH_FAILED: { status: 502, exit: 6, kind: 'user', title: 'Google refused the service account' },
  GSC_FORBIDDEN: {
    status: 502,
    exit: 6,
    kind: 'user',
    title: 'The service account cannot read this Search Console property',
  },
  GSC_API_FAILED: { status: 502, exit: 7, kind: 'transient', title: 'Search Console API unavailable' },
  COMPARE_NO_SAMPLE: { status: 409, exit: 2, kind: 'user', title: 'No ideas to compare profiles on' },
  REFRESH_NOT_FOUND: { status: 404, exit: 3, kind: 'user', title: 'Refresh not found' },
  REFRESH_POST_NOT_FOUND: {
    status: 404,
    exit: 3,
    kind: 'user',
    title: 'No existing post of the site matches',
  },
  REFRESH_LIVE_CHANGED: {
    status: 409,
    exit: 4,
    kind: 'user',
    title: 'The live post changed since the refresh fetched it',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function errorInfo(code: ErrorCode): ErrorCodeInfo {
  return ERROR_CODES[code];
}
