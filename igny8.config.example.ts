// igny8.config.ts — every key, with its default. Copy what you need; everything is optional.
// Environment variables override the file: IGNY8_DATABASE_URL, IGNY8_ACCOUNT, OPENAI_API_KEY,
// ANTHROPIC_API_KEY, GEMINI_API_KEY, RUNWARE_API_KEY, BRIA_API_KEY (and *_BASE_URL), IGNY8_TEXT_MODEL, IGNY8_IMAGE_MODEL,
// IGNY8_MEDIA_DIR, IGNY8_KEY_FILE, IGNY8_MASTER_KEY, IGNY8_HOST, IGNY8_PORT, IGNY8_JWT_SECRET, IGNY8_LOG_LEVEL.
// Prefer environment variables or `igny8 providers set-key` for secrets: never commit an API key.
import { defineConfig } from 'igny8';

export default defineConfig({
  database: {
    // sqlite:<file> (embedded default, one file, WAL) or postgres://user:password@host:5432/db (teams, workers).
    url: 'sqlite:./igny8.db',
    // PostgreSQL connection pool size.
    poolSize: 10,
    // PostgreSQL session limits, so one stalled process (SIGSTOP, a frozen VM, a partition) cannot
    // freeze the others: the longest wait for a row lock, a transaction left idle (it is ended and its
    // locks freed), and one statement. 0 turns a limit off. Errors are transient: DATABASE_BUSY,
    // DATABASE_CONNECTION_LOST, DATABASE_TIMEOUT.
    lockTimeoutMs: 15_000,
    idleInTransactionTimeoutMs: 10_000,
    statementTimeoutMs: 120_000,
  },
  // Account the CLI acts for; defaults to the only account in the database.
  // account: '…',
  providers: {
    // apiKey / baseUrl for each vendor; a missing key means the offline sandbox provider runs instead.
    openai: {/* apiKey: process.env.OPENAI_API_KEY, baseUrl: 'https://api.openai.com/v1' */},
    anthropic: {/* apiKey, baseUrl: 'https://api.anthropic.com' */},
    gemini: {/* apiKey, baseUrl: 'https://generativelanguage.googleapis.com' (native Gemini + Imagen) */},
    runware: {/* apiKey, baseUrl: 'https://api.runware.ai' */},
    bria: {/* apiKey, baseUrl: 'https://engine.prod.bria-api.com' */},
    // Named OpenAI-compatible endpoints: Ollama, vLLM, LM Studio, OpenRouter. A name here wins over a
    // native provider of the same name (a "gemini" entry keeps Gemini on its OpenAI-compatible API).
    compatible: {
      // ollama: { baseUrl: 'http://localhost:11434/v1' },
      // openrouter: { baseUrl: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY' },
    },
    // Our own retry policy (the SDKs' retries are off).
    retry: {
      maxAttempts: 6, // attempts per call, the first included
      baseDelayMs: 500, // first backoff; doubles each attempt, with full jitter
      maxDelayMs: 20_000, // longest backoff
      retryAfterCapMs: 30_000, // longest retry-after honoured; longer asks fail as rate-limited
      attemptTimeoutMs: 120_000, // one attempt
      deadlineMs: 600_000, // the whole call, retries included
    },
    // Throttle per provider key; adapts to the provider's rate-limit headers.
    throttle: {
      concurrency: 8,
      requestsPerMinute: 500,
      tokensPerMinute: 400_000,
    },
  },
  ai: {
    // Override the registry defaults ("provider:model"); see `igny8 models list`.
    // textModel: 'openai:gpt-4o-mini',
    // imageModel: 'runware:runware:97@1',
    // Per-function model overrides.
    functions: {
      // generate_content: { model: 'anthropic:claude-sonnet-4-5' },
    },
    // Batch mode (`igny8 run --batch`): seconds between polls of a waiting provider batch.
    // A run's --batch-poll-seconds wins; IGNY8_BATCH_POLL_MS (milliseconds) wins over this key.
    batch: { pollSeconds: 30 },
  },
  prompts: {
    // Folder of default prompt templates (<key>.md); unset: the bundled templates/prompts.
    // Per-account edits live in the database (`igny8 prompts edit`).
    // dir: './prompts',
  },
  media: {
    // Generated images, stored by content hash (in "db" mode, a local cache of the database's copy).
    dir: './media',
    // Where image bytes live: 'db' (in the database, shared by every server and worker; the default
    // on PostgreSQL), 'folder' (media.dir only; the default on SQLite), or 'auto'.
    store: 'auto',
  },
  secrets: {
    // Master key for stored provider keys and WordPress passwords (created 0600 when missing).
    // IGNY8_MASTER_KEY wins when set.
    keyFile: './.igny8/master.key',
  },
  server: {
    host: '127.0.0.1', // interface `igny8 serve` listens on
    port: 8787,
    corsOrigins: [], // the dashboard is same-origin; list other origins here
    bodyLimit: '5mb',
    // jwtSecret: '…32+ characters…', // generated into the key folder when unset
    allowPrivateUrls: false, // let users point webhooks/WordPress at private or loopback addresses
    exportDir: './exports', // folder destinations added over the API/dashboard live inside this folder
    registration: 'invite', // open (anyone signs up) | invite (owners/admins invite by email) | closed
    // Requests per minute, counted per user or API key (auth scopes: per client address).
    // `igny8 serve --rate-limit content_read=2000` overrides one for a run.
    rateLimits: {
      ai: 10,
      image: 15,
      content_read: 1200, // a page load of the dashboard makes several reads
      content_write: 240,
      planner: 60,
      billing: 30,
      auth: 600, // session refreshes and sign-outs (every page load refreshes)
      auth_strict: 20, // sign-in, sign-up and password-reset attempts per address
      signInPerAccount: 10, // sign-in and reset attempts per email, from any address
    },
  },
  pipeline: {
    concurrency: 4, // items processed at once per stage
    batchSize: 50, // keywords per clustering call
    maxImages: 2, // inline images per article, plus one featured
    minSeoScore: 70, // minimum SEO score for auto-approve
  },
  mail: {
    // smtpUrl: 'smtps://user:pass@mail.example.com:465', // outgoing mail (prefer IGNY8_SMTP_URL)
    from: 'igny8 <no-reply@localhost>', // sender address
  },
  scheduler: {
    enabled: true, // fire schedules (`igny8 serve` on SQLite, `igny8 worker` on PostgreSQL)
    tickSeconds: 15, // how often due slots are looked for
    staleClaimSeconds: 120, // a slot whose process died mid-slot is taken over after this
    renewPlanCredits: true, // renew plan credits on the 1st of each month (account timezone)
    publishSync: 'hourly', // cadence of the WordPress status sync ('off' to disable)
    searchConsolePull: 'daily 04:00', // cadence of the Search Console pull of connected sites ('off' to disable)
  },
  searchConsole: {
    apiBaseUrl: 'https://searchconsole.googleapis.com', // Search Console API (IGNY8_GSC_API_URL; tests use a fake)
    tokenUrl: 'https://oauth2.googleapis.com/token', // Google's OAuth2 token endpoint (IGNY8_GSC_TOKEN_URL)
    retries: 4, // retries of a 429/5xx answer, with backoff
  },
  kb: {
    parseTimeoutMs: 30_000, // longest a PDF or DOCX may take to read in `kb add` (IGNY8_KB_PARSE_TIMEOUT_MS)
    parseMemoryMb: 512, // most heap reading one PDF or DOCX may use
  },
  log: {
    level: 'info', // silent | error | warn | info | debug
  },
});
