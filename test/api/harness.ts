import fs from 'node:fs';
import path from 'node:path';
import { createServer, type Igny8App } from '../../server/create-server.js';
import { createLogger } from '../../server/logger.js';
import type { RateLimits } from '../../server/middleware/rate-limit.js';
import {
  createCore,
  findTemplatesDir,
  newId,
  nowIso,
  parseConfig,
  type Core,
  type DialectName,
  type Role,
} from '../../src/index.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { listen, type Listening } from './http.js';

export const NO_LIMITS: RateLimits = {
  signInPerAccount: 1e6,
  ai: 1e6,
  image: 1e6,
  content_read: 1e6,
  content_write: 1e6,
  auth: 1e6,
  auth_strict: 1e6,
  planner: 1e6,
  billing: 1e6,
};

export interface TenantUser {
  id: string;
  email: string;
  role: Role;
  password: string;
}

/** One account with a user of every role, a site, a sector, an API key and a few more objects. */
export interface Tenant {
  accountId: string;
  suffix: string;
  users: Record<Role, TenantUser>;
  siteId: string;
  sectorId: string;
  apiKeyId: string;
  apiKey: string;
  notificationId: string;
  scheduleId: string;
  channelId: string;
  inviteId: string;
  contentId: string;
  destinationId: string;
  keywordId: string;
  clusterId: string;
  runId: string;
  imageId: string;
  ideaId: string;
  taskId: string;
  /** A knowledge-base source of the tenant's site. */
  sourceId: string;
  /** A refresh of an existing post of the tenant's site, waiting for review. */
  refreshId: string;
  /** Text planted in this tenant's data; it must never appear in another tenant's responses. */
  marker: string;
}

export interface Harness {
  t: TestDb;
  core: Core;
  app: Igny8App;
  srv: Listening;
  base: string;
  logs: string[];
  /** A fresh access token for a user (no login round-trip, so no login rate limit). */
  token(user: TenantUser, accountId: string): Promise<string>;
  makeTenant(suffix: string): Promise<Tenant>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  rateLimits?: Partial<RateLimits>;
  allowPrivateUrls?: boolean;
  operatorAccounts?: string[];
  /** Config over the harness's own (e.g. mail.smtpUrl, server.registration). */
  config?: {
    mail?: { smtpUrl?: string; from?: string };
    server?: { registration?: 'open' | 'invite' | 'closed' };
    searchConsole?: { apiBaseUrl: string; tokenUrl: string; retries?: number };
  };
  /** Development mode of the server (default: NODE_ENV=test, so yes). */
  devMode?: boolean;
  /** Also copy the bundled prompt templates (the AI functions need them to run on the sandbox). */
  bundledPrompts?: boolean;
}

/** A migrated database, a core and the server listening on an ephemeral port. */
export async function startHarness(dialect: DialectName, options: HarnessOptions = {}): Promise<Harness> {
  const t = await createTestDb(dialect);
  // Prompt templates of our own, so the tests do not depend on the bundled ones.
  const promptsDir = path.join(t.dir, 'prompts');
  fs.mkdirSync(promptsDir, { recursive: true });
  fs.writeFileSync(
    path.join(promptsDir, 'test_prompt.md'),
    '<!-- variables:\n  topic: what to write about\n-->\nWrite about {{topic}}.\n',
  );
  if (options.bundledPrompts) {
    const bundled = path.join(findTemplatesDir(), 'prompts');
    for (const f of fs.readdirSync(bundled).filter((n) => n.endsWith('.md')))
      fs.copyFileSync(path.join(bundled, f), path.join(promptsDir, f));
  }
  // Private URLs are allowed by default: this machine has no DNS, and random hosts would wait on it.
  const config = parseConfig({
    server: {
      bodyLimit: '256kb',
      allowPrivateUrls: options.allowPrivateUrls ?? true,
      registration: 'open',
      ...options.config?.server,
    },
    prompts: { dir: promptsDir },
    ...(options.config?.mail ? { mail: options.config.mail } : {}),
    ...(options.config?.searchConsole ? { searchConsole: options.config.searchConsole } : {}),
  });
  // baseDir = the test folder, so the generated JWT secret file lands there, not in the repo.
  const core = await createCore({ config, db: t, requireMigrated: true, baseDir: t.dir });
  const logs: string[] = [];
  const app = createServer(core, {
    logger: createLogger('debug', (line) => logs.push(line)),
    rateLimits: options.rateLimits ?? NO_LIMITS,
    operatorAccounts: options.operatorAccounts,
    runPollMs: 20,
    devMode: options.devMode,
    // API only: whether dist/ui happens to be built must not change what these tests see.
    dashboard: false,
  });
  await core.models.seed();
  const srv = await listen(app);

  const h: Harness = {
    t,
    core,
    app,
    srv,
    base: srv.base,
    logs,
    async token(user, accountId) {
      const session = await core.auth.issueSession({
        id: user.id,
        accountId,
        email: user.email,
        name: user.email,
        role: user.role,
        status: 'active',
      });
      return session.accessToken;
    },
    async makeTenant(suffix) {
      const marker = `zq${suffix}marker`;
      const password = `pw-${suffix}-correct-horse`;
      const owner = await core.tenancy.registerOwner({
        accountName: `Account ${marker}`,
        email: `owner-${suffix}@example.com`,
        password,
        planId: 'unlimited',
      });
      const scope = { accountId: owner.accountId };
      const users = { owner: { id: owner.id, email: owner.email, role: 'owner', password } } as Record<
        Role,
        TenantUser
      >;
      for (const role of ['admin', 'editor', 'viewer'] as const) {
        const email = `${role}-${suffix}@example.com`;
        const u = await core.tenancy.addUser(scope, { email, role, password, name: `${role} ${marker}` });
        users[role] = { id: u.id, email, role, password };
      }
      const site = await core.tenancy.addSite(scope, {
        name: `Site ${marker}`,
        domain: `${suffix}.example.com`,
      });
      const sector = await core.tenancy.addSector(scope, site.id, { name: `Sector ${marker}` });
      const key = await core.tenancy.createApiKey(scope, { name: `key ${marker}`, role: 'editor' });
      const note = await core.notifications.notify(scope, {
        level: 'info',
        title: `Note ${marker}`,
        message: marker,
      });
      const schedule = await core.schedules.add(scope, {
        siteId: site.id,
        name: `nightly ${marker}`,
        cadence: 'daily 06:00',
      });
      const channel = await core.channels.add(scope, {
        kind: 'email',
        name: `ops ${marker}`,
        to: `ops-${suffix}@example.com`,
      });
      await core.prompts.set(scope, 'test_prompt', `Write about {{topic}} ${marker}.`);
      await core.providerKeys.set(scope, { provider: 'openai', key: `sk-${marker}-secret-1234` });
      const contentId = await insertContent(
        core,
        { accountId: owner.accountId, siteId: site.id, sectorId: sector.id },
        marker,
      );
      const destination = await core.destinations.upsert(
        { accountId: owner.accountId, siteId: site.id },
        { kind: 'folder', name: `dest-${marker}`, config: { dir: path.join(t.dir, `export-${suffix}`) } },
      );
      const sectorScope = { accountId: owner.accountId, siteId: site.id, sectorId: sector.id };
      const words = ['shoes', 'running shoes', 'trail shoes', 'boots', 'hiking boots', 'winter boots'];
      await core.planner.importKeywords(sectorScope, {
        bytes: Buffer.from(words.map((w) => `${marker} ${w}`).join('\n')),
        format: 'plain',
      });
      await core.planner.clusterLocal(sectorScope);
      const keyword = (await core.planner.listKeywords(sectorScope)).items[0]!;
      const cluster = (await core.planner.listClusters(sectorScope)).items[0]!;
      // A queued run (stage 3 is free, so no credits are needed): an object for the walkers.
      const run = await core.automation.start(
        { accountId: owner.accountId, siteId: site.id },
        { options: { stages: [3] }, trigger: 'api', detach: true },
      );
      const imageId = await insertImage(
        core,
        { accountId: owner.accountId, siteId: site.id, sectorId: sector.id },
        contentId,
        marker,
      );
      const { ideaId, taskId } = await insertIdeaAndTask(core, sectorScope, cluster.id, marker);
      const { source } = await core.kb.add(
        { accountId: owner.accountId, siteId: site.id },
        {
          kind: 'bytes',
          bytes: Buffer.from(`# Notes ${marker}\n\nBrewing notes for ${marker}.`),
          fileName: 'notes.md',
        },
      );
      const refreshId = `refresh-${suffix}`;
      const at = new Date().toISOString();
      await core.db
        .insertInto('content_refreshes')
        .values({
          id: refreshId,
          account_id: owner.accountId,
          site_id: site.id,
          destination_id: destination.id,
          inventory_id: null,
          content_id: null,
          remote_id: '7',
          url: `https://wp.test/${suffix}/`,
          slug: suffix,
          status: 'review',
          options: '{}',
          run_id: null,
          live_title: `Live ${marker}`,
          live_html: `<p>Live ${marker}</p>`,
          live_modified: at,
          live_hash: 'h',
          fetched_at: at,
          draft_title: `Live ${marker}`,
          draft_html: `<p>Draft ${marker}</p>`,
          notes: '{}',
          credits: 0,
          publish_intent: null,
          publish_attempts: 0,
          published_at: null,
          published_modified: null,
          approved_at: null,
          error: null,
          error_code: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const { invite } = await core.tenancy.createInvite(
        scope,
        { email: `invitee-${suffix}@example.com`, role: 'viewer' },
        { accountId: owner.accountId, userId: owner.id, role: 'owner' },
      );
      return {
        refreshId,
        sourceId: source.id,
        inviteId: invite.id,
        accountId: owner.accountId,
        runId: run.id,
        imageId,
        ideaId,
        taskId,
        contentId,
        keywordId: keyword.id,
        clusterId: cluster.id,
        destinationId: destination.id,
        suffix,
        users,
        siteId: site.id,
        sectorId: sector.id,
        apiKeyId: key.apiKey.id,
        apiKey: key.key,
        notificationId: note!.id,
        scheduleId: schedule.id,
        channelId: channel.id,
        marker,
      };
    },
    async close() {
      await srv.close();
      await core.close();
      await t.close();
    },
  };
  return h;
}

/** An article row written directly (the pipeline that makes them is not what these tests are about). */
async function insertContent(
  core: Core,
  scope: { accountId: string; siteId: string; sectorId: string },
  marker: string,
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await core.db
    .insertInto('contents')
    .values({
      id,
      account_id: scope.accountId,
      site_id: scope.siteId,
      sector_id: scope.sectorId,
      task_id: null,
      idea_id: null,
      cluster_id: null,
      title: `Article ${marker}`,
      slug: `article-${marker}`,
      html: `<h2>Intro</h2><p>Text about ${marker}.</p>`,
      excerpt: null,
      meta_title: null,
      meta_description: null,
      focus_keyword: marker,
      keywords: '[]',
      word_count: 3,
      seo_score: null,
      seo_report: null,
      link_suggestions: null,
      provenance: '{}',
      status: 'draft',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Ids of a tenant's objects by route parameter / field name, for the route walkers. */
export function fixturesOf(t: Tenant): Record<string, string> {
  return {
    siteId: t.siteId,
    sectorId: t.sectorId,
    userId: t.users.editor.id,
    apiKeyId: t.apiKeyId,
    notificationId: t.notificationId,
    scheduleId: t.scheduleId,
    channelId: t.channelId,
    inviteId: t.inviteId,
    contentId: t.contentId,
    destinationId: t.destinationId,
    keywordId: t.keywordId,
    clusterId: t.clusterId,
    runId: t.runId,
    imageId: t.imageId,
    ideaId: t.ideaId,
    taskId: t.taskId,
    sourceId: t.sourceId,
    refreshId: t.refreshId,
    // Shared namespaces: each account gets its own view of these.
    key: 'test_prompt',
    provider: 'openai',
    modelRef: 'openai:gpt-4o-mini',
  };
}

/** A generated image of an article: a row and its file in the media folder (the bytes hold the marker). */
async function insertImage(
  core: Core,
  scope: { accountId: string; siteId: string; sectorId: string },
  contentId: string,
  marker: string,
): Promise<string> {
  const id = newId();
  const file = `${marker}.png`;
  const mediaDir = core.resolvePath(core.config.media.dir);
  fs.mkdirSync(mediaDir, { recursive: true });
  fs.writeFileSync(path.join(mediaDir, file), `PNG-bytes-${marker}`);
  const now = nowIso();
  await core.db
    .insertInto('images')
    .values({
      id,
      account_id: scope.accountId,
      site_id: scope.siteId,
      sector_id: scope.sectorId,
      content_id: contentId,
      role: 'featured',
      position: 0,
      prompt: `A picture of ${marker}`,
      negative_prompt: null,
      alt: null,
      caption: null,
      file_path: file,
      sha256: null,
      mime: 'image/png',
      width: 1,
      height: 1,
      size_bytes: 10,
      model: 'sandbox-image',
      error: null,
      status: 'done',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** An idea (with an outline) and its writing task, written directly, both carrying the marker. */
async function insertIdeaAndTask(
  core: Core,
  scope: { accountId: string; siteId: string; sectorId: string },
  clusterId: string,
  marker: string,
): Promise<{ ideaId: string; taskId: string }> {
  const ideaId = newId();
  const taskId = newId();
  const now = nowIso();
  const base = { account_id: scope.accountId, site_id: scope.siteId, sector_id: scope.sectorId };
  await core.db
    .insertInto('ideas')
    .values({
      id: ideaId,
      ...base,
      cluster_id: clusterId,
      title: `Idea ${marker}`,
      brief: `Brief ${marker}`,
      outline: JSON.stringify({
        sections: [{ heading: `Section ${marker}`, points: ['a point'], keywords: [marker] }],
      }),
      primary_keywords: JSON.stringify([marker]),
      secondary_keywords: '[]',
      target_words: 900,
      content_type: 'post',
      structure: 'guide',
      source: 'user',
      status: 'queued',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await core.db
    .insertInto('tasks')
    .values({
      id: taskId,
      ...base,
      idea_id: ideaId,
      prompt_override: null,
      attempts: 0,
      error: null,
      status: 'done',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { ideaId, taskId };
}
