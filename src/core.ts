import path from 'node:path';
import type { Igny8Config } from './config/index.js';
import { createDb, pendingMigrations, type Db, type DbHandle, type DialectName } from './db/index.js';
import { Igny8Error } from './errors/index.js';
// @core-imports (one line per module; keep sorted)
// Types only, except the services every database command needs (P11): the rest are built by
// lazyService on their first call, from modules imported then (their own chunks in the CLI bundle).
import type {
  ContentExportService,
  ContentService,
  ImageService,
  OptimizeService,
  SiteVoiceService,
  TaskService,
} from './writer/index.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { AutomationService } from './automation/index.js';
import type { AiEngine } from './ai/index.js';
import type { DestinationStore, Publisher } from './publishing/index.js';
import type { AuthService } from './auth/index.js';
import type { TenancyService } from './tenancy/tenancy.service.js';
import type { CreditsService } from './credits/index.js';
import type { ModelRegistry } from './models/index.js';
import { findTemplatesDir } from './models/find-templates-dir.js';
import type { ChannelService, NotificationService, Notifier } from './notifications/index.js';
import { createNotificationService } from './notifications/notification.service.js';
import type { ScheduleService } from './schedules/schedule.service.js';
import { createPlannerService, type PlannerService } from './planner/planner.service.js';
import { createPromptService, type PromptService } from './prompts/index.js';
import { requiredPromptVariables } from './ai/functions/prompt-variables.js';
import { createTaskService } from './writer/tasks.service.js';
import { createDestinationStore } from './publishing/destination.service.js';
import { createNotifier } from './notifications/notifier.js';
import type { ProviderKeyStore } from './providers/credentials/index.js';
import type { ProviderRegistry, ProviderRegistryFactory } from './providers/index.js';
import { createLazySecretBox, loadMasterKey, type SecretBox } from './secrets/index.js';
import type { SearchService } from './search/index.js';
import { createMailer, type Mailer } from './mail/index.js';
import type { InventoryService } from './inventory/index.js';
import type { KbService } from './kb/index.js';
import type { RefreshCandidatesService } from './refresh/candidates.service.js';
import type { RefreshService } from './refresh/index.js';
import type { RefreshWorker } from './automation/automation-deps.js';
import type { SearchConsoleService } from './search-console/index.js';
import { lazyService } from './util/lazy-service.js';
import { lazyGuardedFetch } from './lazy-guarded-fetch.js';
import { slugify } from './util/ids.js';

export interface CreateCoreOptions {
  config: Igny8Config;
  /** Folder that relative paths in the config resolve against. */
  baseDir?: string;
  /** Use an already-open database instead of config.database.url (tests). */
  db?: DbHandle;
  /** Refuse to start when migrations are pending (default true; `igny8 migrate` passes false). */
  requireMigrated?: boolean;
  /**
   * Guard outbound publishing URLs (WordPress, webhooks) against the host's own network, unless
   * `server.allowPrivateUrls`. `igny8 serve` and `igny8 worker` set it: their users are not the operator.
   */
  guardOutboundUrls?: boolean;
  /**
   * A team process (`igny8 serve`, `igny8 worker`): on PostgreSQL the master key and the JWT secret
   * must come from configuration every process shares, never from a generated local file.
   */
  sharedSecrets?: boolean;
}

/** Where generated images are, for the processes that serve, publish or export them. */
export interface MediaAccess {
  /** The local media folder (config media.dir, resolved). */
  dir: string;
  /** Bytes are kept in the database too (media.store "db", the default on PostgreSQL). */
  shared: boolean;
  /** The absolute path of a stored media file, copied from the database when only it has the file; null if absent. */
  local(filePath: string): Promise<string | null>;
}

export interface Core {
  config: Igny8Config;
  baseDir: string;
  db: Db;
  dialect: DialectName;
  dbDisplayUrl: string;
  /** Resolve a path from the config against baseDir. */
  resolvePath(p: string): string;
  /** Generated images: the local folder, and the database copy every process shares (media.store "db"). */
  media: MediaAccess;
  close(): Promise<void>;
  // @core-services (one line per module)
  /** Each site's voice and style guide (`igny8 site voice`), used by every writing prompt. */
  siteVoice: SiteVoiceService;
  /** Writing tasks (ideas queued for the writer), with their idea's title. */
  tasks: TaskService;
  /** The image gallery: list, read, and regenerate one image (metered, like stage 6). */
  images: ImageService;
  /** The de-AI pass (`igny8 optimize`): phrase scrubber, optional metered AI rewrite, the diff for review. */
  optimizer: OptimizeService;
  /** Articles rendered in memory as Markdown or HTML documents (the `content export` rendering). */
  contentExport: ContentExportService;
  /** The PostgreSQL run queue that `igny8 worker` processes share (pg-boss); null on SQLite. */
  jobs: JobQueue | null;
  /** Keyword import, listing and bulk actions; local and AI clustering; clusters. */
  planner: PlannerService;
  /** Automation runs of the 7-stage pipeline: estimate, start/resume, pause, cancel, history, logs. */
  automation: AutomationService;
  /** AI functions, metered (reserve → call → settle), one repair, progress; the sandbox answers when a key is missing. */
  ai: AiEngine;
  /** Articles: review, edit, approve, export. */
  content: ContentService;
  /** Publishing destinations of a site (secrets encrypted). */
  destinations: DestinationStore;
  /** Exactly-once publishing, scheduling, calendar, status sync. */
  publisher: Publisher;
  /** The site's existing posts and pages (WordPress import), link targets and cannibalization rivals. */
  inventory: InventoryService;
  /** The site's knowledge base: sources split into passages the writer grounds articles in. */
  kb: KbService;
  /** Refresh candidates from Search Console data (decay, striking distance, cannibalization, orphans) and merge plans. */
  refreshCandidates: RefreshCandidatesService;
  /** Refreshes of existing posts (`igny8 refresh`): a stage-8 run rewrites, review, publish in place, results. */
  refresh: RefreshService;
  /** Stage 8's worker (rewrite or publish one refresh), handed to runs. */
  refreshWorker: RefreshWorker;
  /** Search Console data per site: imports, API pulls with a service account, reads for charts. */
  searchConsole: SearchConsoleService;
  /** HTTP API sessions: JWT access tokens, rotating refresh tokens, password resets. */
  auth: AuthService;
  /** Plans, accounts, modules, users, roles, API keys, sites and sectors (also auth's tenancy port). */
  tenancy: TenancyService;
  /** Account notifications (usage alerts, run results). */
  notifications: NotificationService;
  /** Tell the bell and the account's channels about an event (run results, publish failures, skipped slots). */
  notify: Notifier;
  /** Notification channels of an account: signed webhooks and email. */
  channels: ChannelService;
  /** Per-site automation schedules (the scheduler in src/schedules fires them). */
  schedules: ScheduleService;
  /** The credit ledger: balances, holds, charges, usage log. */
  credits: CreditsService;
  /** Global search over keywords, clusters, ideas and content (scoped). */
  search: SearchService;
  /** The AI model registry (shared by every account). */
  models: ModelRegistry;
  /** AES-256-GCM box for secrets at rest; the master key loads on first use. */
  secrets: SecretBox;
  providerKeys: ProviderKeyStore;
  prompts: PromptService;
  /** Provider adapters for a scope (that account's keys), with retry and throttle: `core.providers(scope).text(model)`. */
  providers: ProviderRegistryFactory;
  /** Outgoing mail over SMTP (`mail.smtpUrl`); `mail.configured` is false when none is set. */
  mail: Mailer;
}

/** The one composition root: config in, services out. Nothing here prints or exits. */
export async function createCore(options: CreateCoreOptions): Promise<Core> {
  const { config } = options;
  const baseDir = options.baseDir ?? process.cwd();
  const handle =
    options.db ??
    (await createDb(config.database.url, {
      baseDir,
      poolSize: config.database.poolSize,
      timeouts: config.database,
    }));
  if (options.requireMigrated !== false) {
    const pending = await pendingMigrations(handle.db);
    if (pending.length > 0) {
      if (!options.db) await handle.close();
      throw new Igny8Error(
        'MIGRATIONS_PENDING',
        `${pending.length} database migration(s) pending (${pending.join(', ')})`,
        {
          action: { id: 'run_migrations' },
        },
      );
    }
  }
  const db = handle.db;
  const resolvePath = (p: string) => path.resolve(baseDir, p);
  // @core-wiring (construct services here, in dependency order)
  const services = () => import('./core-services.js');
  const accountServices = () => import('./core-account-services.js');
  const jobs = handle.dialect === 'postgres' ? (await services()).createJobQueue(handle) : null;
  // Servers and workers on PostgreSQL may run on several machines: their secrets must be shared.
  const shared = handle.dialect === 'postgres' && options.sharedSecrets === true;
  const guard = options.guardOutboundUrls
    ? { urlGuard: { allowPrivate: config.server.allowPrivateUrls } }
    : {};
  const notifications = createNotificationService(db);
  // The ledger's modules and schemas load on the first credits call: reads such as keyword lists make none (P11).
  const credits = lazyService<CreditsService>(async () =>
    (await accountServices()).createCreditsService(db, { notifications }),
  );
  const tenancy = lazyService<TenancyService>(async () =>
    (await accountServices()).createTenancyService(db, { credits }),
  );
  const auth = lazyService<AuthService>(async () => {
    const m = await services();
    return m.createAuthService({ db, tenancy, secret: () => m.loadJwtSecret(config, baseDir, shared) });
  });
  // Loaded on first use (P11): the search schemas and the model registry, which few commands call.
  const search = lazyService<SearchService>(async () => (await accountServices()).createSearchService(db));
  const models = lazyService<ModelRegistry>(async () =>
    (await accountServices()).createModelRegistry(db, config),
  );
  const secrets = createLazySecretBox(() => loadMasterKey(config, baseDir, process.env, shared));
  // The key store and the registries load the provider modules on a first call (their own chunks,
  // not all of core-services): commands that call no AI, such as keyword lists, never do (P11).
  const providerKeys = lazyService<ProviderKeyStore>(async () =>
    (await accountServices()).createProviderKeyStore(db, secrets, config),
  );
  const prompts = createPromptService(db, {
    templatesDir: config.prompts.dir
      ? resolvePath(config.prompts.dir)
      : path.join(findTemplatesDir(), 'prompts'),
    requiredVariables: requiredPromptVariables,
  });
  const providers: ProviderRegistryFactory = (scope) =>
    lazyService<ProviderRegistry>(async () =>
      (await accountServices()).createProviderRegistry({ config, keys: providerKeys, scope }),
    );
  const mail = createMailer(config.mail);
  const delivery = {
    secrets,
    mail,
    // Channel URLs are the users': in server mode they may not reach the host's own network.
    fetch: options.guardOutboundUrls
      ? lazyGuardedFetch(config.server.allowPrivateUrls)
      : (input: string | URL, init?: RequestInit) => fetch(input, init),
  };
  const notify = createNotifier({ db, notifications, ...delivery });
  const channels = lazyService<ChannelService>(async () =>
    (await services()).createChannelService(db, delivery),
  );
  const schedules = lazyService<ScheduleService>(async () => (await services()).createScheduleService(db));
  const mediaDir = resolvePath(config.media.dir);
  const sharedMedia =
    config.media.store === 'db' || (config.media.store === 'auto' && handle.dialect === 'postgres');
  const media: MediaAccess = {
    dir: mediaDir,
    shared: sharedMedia,
    local: async (filePath) =>
      (await services()).ensureLocalMedia(sharedMedia ? db : null, mediaDir, filePath),
  };
  const ai = lazyService<AiEngine>(async () => {
    const m = await services();
    return m.createAiEngine({
      db,
      credits,
      models,
      prompts,
      providers,
      mediaDir,
      sharedMedia,
      // AI functions return values; the modules that own the rows save them (`save: true`).
      savers: { ...m.PLANNER_AI_SAVERS, ...m.WRITER_AI_SAVERS },
    });
  });
  const planner = createPlannerService(db, { ai, batchSize: config.pipeline.batchSize });
  // Lazy like the others (P11): its SEO check loads the readability packages (syllable, flesch).
  const content = lazyService<ContentService, 'slugFor'>(
    async () => (await services()).createContentService(db, { mediaDir }),
    { slugFor: (title) => slugify(title) },
  );
  const tasks = createTaskService(db, { prompts });
  const images = lazyService<ImageService>(async () => (await services()).createImageService(db, { ai }));
  const contentExport = lazyService<ContentExportService>(async () => {
    const m = await services();
    return m.createContentExportService(content, (scope, siteId) => m.articleSite(db, scope, siteId));
  });
  const destinations = createDestinationStore(db, () => secrets);
  const inventory = lazyService<InventoryService>(async () =>
    (await services()).createInventoryService({ db, destinations, ...guard }),
  );
  // Pages are fetched by the server for its users: the same guard as publishing URLs (the CLI's
  // operator may add pages on their own network).
  const kb = lazyService<KbService>(async () =>
    (await services()).createKbService({
      db,
      urlGuard: { allowPrivate: options.guardOutboundUrls ? config.server.allowPrivateUrls : true },
      parseTimeoutMs: config.kb.parseTimeoutMs,
      parseMemoryMb: config.kb.parseMemoryMb,
    }),
  );
  const publisher = lazyService<Publisher>(async () => {
    const m = await services();
    const basePublisher = m.createPublisher({
      db,
      content,
      destinations,
      mediaDir,
      inventory,
      localMedia: media.local,
      open: (row, secret) => m.openDestination(row, secret, { mediaDir, config, ...guard }),
    });
    // Failed publishes are told wherever they come from (stage 7, `igny8 publish`, the API).
    return {
      ...basePublisher,
      async publish(scope, opts) {
        const results = await basePublisher.publish(scope, opts);
        for (const r of results.filter((x) => x.status === 'failed')) {
          const title = await content.get(scope, r.contentId).then(
            (c) => c.title,
            () => r.contentId,
          );
          await notify.notify(scope, {
            kind: 'publish.failed',
            siteId: scope.siteId,
            contentId: r.contentId,
            title,
            error: r.error ?? 'unknown error',
            at: new Date().toISOString(),
          });
        }
        return results;
      },
    };
  });
  const refreshWorker: RefreshWorker = {
    process: async (scope, id, run) =>
      (await services()).processRefresh({ db, ai, destinations, ...guard }, scope, id, run),
  };
  // Automation gets the services its stages call, not the core: it is built before the core exists.
  const automation = lazyService<AutomationService>(async () =>
    (await services()).createAutomationService(
      {
        db,
        ai,
        credits,
        planner,
        content,
        publisher,
        notify,
        models,
        refreshWorker,
        batchPollSeconds: config.ai.batch.pollSeconds,
      },
      async () => (await import('./automation/stages/index.js')).PIPELINE_STAGES,
    ),
  );
  return {
    config,
    baseDir,
    db,
    dialect: handle.dialect,
    dbDisplayUrl: handle.displayUrl,
    resolvePath,
    media,
    close: async () => {
      mail.close();
      if (!options.db) await handle.close();
    },
    // @core-return
    siteVoice: lazyService<SiteVoiceService>(async () => (await services()).createSiteVoiceService(tenancy)),
    tasks,
    images,
    optimizer: lazyService<OptimizeService>(async () => (await services()).createOptimizeService(db, { ai })),
    contentExport,
    jobs,
    planner,
    automation,
    ai,
    content,
    destinations,
    publisher,
    inventory,
    kb,
    refreshCandidates: lazyService<RefreshCandidatesService>(async () =>
      (await services()).createRefreshCandidatesService(db),
    ),
    refresh: lazyService<RefreshService>(async () =>
      (await services()).createRefreshService({ db, automation }),
    ),
    refreshWorker,
    searchConsole: lazyService<SearchConsoleService>(async () =>
      (await services()).createSearchConsoleService({
        db,
        secrets,
        api: config.searchConsole,
      }),
    ),
    auth,
    tenancy,
    notifications,
    notify,
    channels,
    schedules,
    credits,
    search,
    models,
    secrets,
    providerKeys,
    prompts,
    providers,
    mail,
  };
}
