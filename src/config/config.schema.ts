import { z } from 'zod';
import { PROVIDERS, type ProviderId } from '../providers/providers.js';
import { toCron } from '../schedules/parse-cadence.js';

/** A schedule cadence ("hourly", "daily 06:00", a cron line) or "off", checked when the config loads. */
const cadence = () =>
  z.string().superRefine((value, ctx) => {
    if (value === 'off') return;
    try {
      toCron(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });

/** Every key has a description and a default; `igny8.config.example.ts` mirrors this file. */
const RetrySchema = z
  .object({
    maxAttempts: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(6)
      .describe('Attempts per provider call, first included.'),
    baseDelayMs: z
      .number()
      .int()
      .min(0)
      .default(500)
      .describe('First backoff delay; doubles each attempt, with jitter.'),
    maxDelayMs: z.number().int().min(0).default(20_000).describe('Longest backoff between attempts.'),
    retryAfterCapMs: z
      .number()
      .int()
      .min(0)
      .default(30_000)
      .describe('Longest wait honoured from a retry-after header; longer asks fail as rate-limited.'),
    attemptTimeoutMs: z.number().int().min(100).default(120_000).describe('Timeout of one attempt.'),
    deadlineMs: z
      .number()
      .int()
      .min(100)
      .default(600_000)
      .describe('Overall deadline for a call, retries included.'),
  })
  .prefault({});

const ThrottleSchema = z
  .object({
    concurrency: z.number().int().min(1).default(8).describe('Requests in flight per provider key.'),
    requestsPerMinute: z.number().int().min(1).default(500).describe('Requests per minute per provider key.'),
    tokensPerMinute: z.number().int().min(1).default(400_000).describe('Tokens per minute per provider key.'),
  })
  .prefault({});

const KeyedProviderSchema = z
  .object({
    apiKey: z
      .string()
      .min(1)
      .optional()
      .describe('API key (prefer the environment variable or `igny8 providers set-key`).'),
    baseUrl: z.url().optional().describe('Override the API base URL (proxies, fakes).'),
  })
  .prefault({});

/** One `providers.<id>` block per native provider in PROVIDERS. */
const nativeProviderBlocks = Object.fromEntries(
  PROVIDERS.map((p) => [
    p.id,
    KeyedProviderSchema.describe(`${p.label} (${p.keyEnv}, ${p.baseUrlEnv}; default ${p.defaultBaseUrl}).`),
  ]),
) as Record<ProviderId, typeof KeyedProviderSchema>;

const CompatibleProviderSchema = z.object({
  baseUrl: z.url().describe('OpenAI-compatible base URL, e.g. http://localhost:11434/v1 for Ollama.'),
  apiKey: z.string().optional().describe('API key if the endpoint needs one.'),
  apiKeyEnv: z.string().optional().describe('Name of an environment variable holding the key.'),
});

function perMinute(def: number, what: string) {
  return z.number().int().min(1).max(1_000_000).default(def).describe(`${what} Per minute.`);
}

export const ConfigSchema = z
  .object({
    database: z
      .object({
        url: z
          .string()
          .refine((u) => /^(sqlite:|postgres(ql)?:\/\/)/.test(u), {
            message: 'expected "sqlite:<path>" or "postgres://user@host:port/db"',
          })
          .default('sqlite:./igny8.db')
          .describe('Where data lives: sqlite:<file> (embedded default) or a postgres:// URL.'),
        poolSize: z.number().int().min(1).max(100).default(10).describe('PostgreSQL pool size.'),
        lockTimeoutMs: z
          .number()
          .int()
          .min(0)
          .default(15_000)
          .describe('PostgreSQL lock_timeout: the longest any statement waits for a row lock (0 = forever).'),
        idleInTransactionTimeoutMs: z
          .number()
          .int()
          .min(0)
          .default(10_000)
          .describe(
            'PostgreSQL idle_in_transaction_session_timeout: a stalled process holding a transaction open loses its connection and locks after this (0 = never).',
          ),
        statementTimeoutMs: z
          .number()
          .int()
          .min(0)
          .default(120_000)
          .describe('PostgreSQL statement_timeout: the longest one statement may run (0 = no limit).'),
      })
      .prefault({}),
    account: z
      .string()
      .optional()
      .describe('Account id the CLI acts for; defaults to the only account in the database.'),
    providers: z
      .object({
        ...nativeProviderBlocks,
        compatible: z
          .record(z.string(), CompatibleProviderSchema)
          .default({})
          .describe(
            'Named OpenAI-compatible endpoints (ollama, vllm, openrouter, …); a name here wins over a native provider of the same name.',
          ),
        retry: RetrySchema,
        throttle: ThrottleSchema,
      })
      .prefault({}),
    ai: z
      .object({
        textModel: z
          .string()
          .optional()
          .describe('Override the registry default text model (e.g. "openai:gpt-4o-mini").'),
        imageModel: z.string().optional().describe('Override the registry default image model.'),
        functions: z
          .record(z.string(), z.object({ model: z.string().optional() }))
          .default({})
          .describe('Per-function model overrides, keyed by function name.'),
        batch: z
          .object({
            pollSeconds: z
              .number()
              .min(0.01)
              .max(3600)
              .default(30)
              .describe(
                "Batch mode: seconds between polls of a waiting provider batch (a run's batchPollSeconds wins; IGNY8_BATCH_POLL_MS, in milliseconds, wins over this key).",
              ),
          })
          .prefault({})
          .describe('Batch mode (`igny8 run --batch`).'),
      })
      .prefault({}),
    media: z
      .object({
        dir: z
          .string()
          .default('./media')
          .describe('Folder for generated images (a local cache in "db" mode).'),
        store: z
          .enum(['auto', 'db', 'folder'])
          .default('auto')
          .describe(
            'Where image bytes live: "db" (every process shares them; the default on PostgreSQL), "folder" (media.dir; the default on SQLite), or "auto".',
          ),
      })
      .prefault({}),
    prompts: z
      .object({
        dir: z
          .string()
          .optional()
          .describe('Folder of default prompt templates (<key>.md); unset: the bundled templates/prompts.'),
      })
      .prefault({}),
    secrets: z
      .object({
        keyFile: z
          .string()
          .default('./.igny8/master.key')
          .describe('File holding the master key (created 0600 when missing). IGNY8_MASTER_KEY wins.'),
      })
      .prefault({}),
    server: z
      .object({
        host: z.string().default('127.0.0.1').describe('Interface `igny8 serve` listens on.'),
        port: z.number().int().min(0).max(65535).default(8787).describe('Port for `igny8 serve`.'),
        corsOrigins: z
          .array(z.string())
          .default([])
          .describe('Origins allowed by CORS (the dashboard is same-origin).'),
        bodyLimit: z.string().default('5mb').describe('Largest request body.'),
        jwtSecret: z
          .string()
          .min(32)
          .optional()
          .describe('JWT signing secret; generated into the key folder if unset.'),
        allowPrivateUrls: z
          .boolean()
          .default(false)
          .describe('Let users point webhooks/WordPress at private or loopback addresses.'),
        exportDir: z
          .string()
          .default('./exports')
          .describe(
            'Base folder for folder destinations added over the API; each is a relative name inside it.',
          ),
        registration: z
          .enum(['open', 'invite', 'closed'])
          .default('invite')
          .describe(
            'Who may create an account: open (anyone signs up), invite (owners/admins invite by email), closed (CLI only).',
          ),
        rateLimits: z
          .object({
            ai: perMinute(10, 'AI calls (runs, generation) per user or API key.'),
            image: perMinute(15, 'Image generation calls per user or API key.'),
            content_read: perMinute(1200, 'Reads per user or API key (a page load makes several).'),
            content_write: perMinute(240, 'Writes per user or API key.'),
            planner: perMinute(60, 'Planner calls (estimates, clustering) per user or API key.'),
            billing: perMinute(30, 'Billing calls per user or API key.'),
            auth: perMinute(
              600,
              'Session refreshes and sign-outs per client address (every page load refreshes).',
            ),
            auth_strict: perMinute(20, 'Sign-in, sign-up and password-reset attempts per client address.'),
            signInPerAccount: perMinute(
              10,
              'Sign-in and reset attempts per email address, from any address.',
            ),
          })
          .prefault({})
          .describe('Requests per minute; counters live in each server process.'),
      })
      .prefault({}),
    pipeline: z
      .object({
        concurrency: z
          .number()
          .int()
          .min(1)
          .max(64)
          .default(4)
          .describe('Items processed at once per stage.'),
        batchSize: z.number().int().min(1).max(500).default(50).describe('Keywords per clustering call.'),
        maxImages: z
          .number()
          .int()
          .min(0)
          .max(8)
          .default(2)
          .describe('Inline images per article (plus one featured).'),
        minSeoScore: z
          .number()
          .int()
          .min(0)
          .max(100)
          .default(70)
          .describe('Minimum SEO score for auto-approve.'),
      })
      .prefault({}),
    mail: z
      .object({
        smtpUrl: z
          .string()
          .regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL')
          .optional()
          .describe(
            'SMTP server for outgoing mail, e.g. smtps://user:pass@mail.example.com:465 (prefer IGNY8_SMTP_URL).',
          ),
        from: z.string().default('igny8 <no-reply@localhost>').describe('Sender address of outgoing mail.'),
      })
      .prefault({}),
    scheduler: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe('Fire schedules: `igny8 serve` on SQLite, every `igny8 worker` on PostgreSQL.'),
        tickSeconds: z
          .number()
          .int()
          .min(1)
          .max(3600)
          .default(15)
          .describe('How often the scheduler looks for due slots.'),
        staleClaimSeconds: z
          .number()
          .int()
          .min(1)
          .max(86_400)
          .default(120)
          .describe('A slot claimed this long ago and never finished is taken over (its process died).'),
        renewPlanCredits: z
          .boolean()
          .default(true)
          .describe("Renew each account's plan credits on the 1st of the month (account timezone)."),
        publishSync: cadence()
          .default('hourly')
          .describe('Cadence of the WordPress status sync of every site ("off" to disable).'),
        searchConsolePull: cadence()
          .default('daily 04:00')
          .describe(
            'Cadence of the Search Console pull of every site connected with `igny8 gsc connect` ("off" to disable).',
          ),
      })
      .prefault({}),
    searchConsole: z
      .object({
        apiBaseUrl: z
          .url({ protocol: /^https?$/ })
          .default('https://searchconsole.googleapis.com')
          .describe('Base URL of the Search Console API (tests point it at a fake server).'),
        tokenUrl: z
          .url({ protocol: /^https?$/ })
          .default('https://oauth2.googleapis.com/token')
          .describe("Google's OAuth2 token endpoint the service account signs in at."),
        retries: z
          .number()
          .int()
          .min(0)
          .max(10)
          .default(4)
          .describe('Retries of a 429 or 5xx answer from the Search Console API, with exponential backoff.'),
      })
      .prefault({}),
    kb: z
      .object({
        parseTimeoutMs: z
          .number()
          .int()
          .min(100)
          .max(600_000)
          .default(30_000)
          .describe(
            'Longest a PDF or DOCX may take to read when added to a knowledge base (IGNY8_KB_PARSE_TIMEOUT_MS); slower documents are refused, nothing is added.',
          ),
        parseMemoryMb: z
          .number()
          .int()
          .min(32)
          .max(8192)
          .default(512)
          .describe('Most JavaScript heap, in MiB, reading one PDF or DOCX may use before it is stopped.'),
      })
      .prefault({}),
    log: z
      .object({
        level: z
          .enum(['silent', 'error', 'warn', 'info', 'debug'])
          .default('info')
          .describe('Log verbosity.'),
      })
      .prefault({}),
  })
  .strict();

export type Igny8Config = z.output<typeof ConfigSchema>;
export type Igny8ConfigInput = z.input<typeof ConfigSchema>;
