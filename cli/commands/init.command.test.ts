import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, verifyPassword, type DbHandle } from '../../src/index.js';
import { runCli } from '../../test/helpers/run-cli.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

// `igny8 init` in an empty folder, then the tenancy commands against what it made. Each CLI call
// is a child process compiling the source, so these tests get a generous timeout.
const SLOW = 180_000;

describe.each(DIALECTS)('igny8 init and the tenancy commands on %s', (dialect) => {
  let t: TestDb | undefined;
  let dir: string;
  const handles: DbHandle[] = [];
  afterEach(async () => {
    for (const h of handles.splice(0)) await h.close();
    await t?.close();
    t = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** An empty folder, and the --database flag for this dialect (SQLite uses init's default). */
  async function emptyProject() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-init-'));
    const dbArgs: string[] = [];
    if (dialect === 'postgres') {
      t = await createTestDb('postgres', { migrate: false });
      dbArgs.push('--database', t.url);
    }
    const cli = (args: string[], input?: string) =>
      runCli(args, { cwd: dir, input, env: { IGNY8_DATABASE_URL: undefined, IGNY8_ACCOUNT: undefined } });
    const open = async () => {
      const h = await createDb(t ? t.url : `sqlite:${path.join(dir, 'igny8.db')}`);
      handles.push(h);
      return h.db;
    };
    return { cli, dbArgs, open };
  }

  it(
    'initializes an empty folder, then adds a site and a sector that site list counts',
    async () => {
      const { cli, dbArgs } = await emptyProject();
      const init = await cli([
        'init',
        '--yes',
        '--json',
        '--email',
        'Owner@Example.com',
        '--account-name',
        'Acme',
        '--site',
        'Main Blog',
        '--sector',
        'Hiking',
        ...dbArgs,
      ]);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      const made = JSON.parse(init.stdout);
      expect(made).toMatchObject({
        email: 'owner@example.com',
        planId: 'unlimited',
        siteSlug: 'main-blog',
        sectorSlug: 'hiking',
      });
      expect(made.password).toMatch(/^\S{20,}$/); // generated, so shown this once
      expect(fs.readFileSync(path.join(dir, 'igny8.config.ts'), 'utf8')).toContain(
        dialect === 'sqlite' ? '"sqlite:./igny8.db"' : JSON.stringify(t!.url),
      );
      if (dialect === 'sqlite') expect(fs.existsSync(path.join(dir, 'igny8.db'))).toBe(true);

      const site = await cli([
        'site',
        'add',
        'Second Blog',
        '--domain',
        'https://second.example.com/',
        '--json',
      ]);
      expect(site.code).toBe(0);
      expect(JSON.parse(site.stdout)).toMatchObject({ slug: 'second-blog', domain: 'second.example.com' });
      for (const name of ['Camping', 'Climbing']) {
        const sector = await cli(['sector', 'add', name, '--site', 'second-blog', '--json']);
        expect(sector.code).toBe(0);
      }
      const list = await cli(['site', 'list', '--json']);
      expect(list.code).toBe(0);
      const sites = JSON.parse(list.stdout).items as Array<{ id: string; slug: string; sectorCount: number }>;
      expect(sites.map((s) => [s.slug, s.sectorCount]).sort()).toEqual([
        ['main-blog', 1],
        ['second-blog', 2],
      ]);
      expect(sites.find((s) => s.slug === 'main-blog')?.id).toBe(made.siteId);
      const sectors = await cli(['sector', 'list', '--site', 'second-blog', '--json']);
      expect((JSON.parse(sectors.stdout).items as Array<{ slug: string }>).map((s) => s.slug).sort()).toEqual(
        ['camping', 'climbing'],
      );

      const human = await cli(['site', 'list']);
      expect(human.stdout).toMatch(/^SLUG\s+NAME\s+DOMAIN/m);
      expect(human.stdout).toMatch(/second-blog\s+Second Blog\s+second\.example\.com/);
    },
    SLOW,
  );

  it(
    'answers an unknown site with SITE_NOT_FOUND and exit 3, and bad input with its code',
    async () => {
      const { cli, dbArgs } = await emptyProject();
      expect((await cli(['init', '--yes', ...dbArgs])).code).toBe(0);
      const missing = await cli(['sector', 'add', 'X', '--site', 'no-such-site', '--json']);
      expect(missing.code).toBe(3);
      expect(JSON.parse(missing.stdout).error).toMatchObject({ code: 'SITE_NOT_FOUND' });
      expect(missing.stderr).toMatch(/hint: .*igny8 site list/);
      expect(missing.stderr).not.toMatch(/\n\s+at /);
      const show = await cli(['site', 'show', 'no-such-site']);
      expect(show.code).toBe(3);
      expect(show.stderr).toContain('error SITE_NOT_FOUND');

      const badEmail = await cli(['user', 'add', 'not-an-email', '--json']);
      expect(badEmail.code).toBe(2);
      expect(JSON.parse(badEmail.stdout).error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const badDomain = await cli(['site', 'add', 'X', '--domain', 'not a domain']);
      expect(badDomain.code).toBe(2);
      expect(badDomain.stderr).toContain('domain');
      const remove = await cli(['site', 'remove', 'my-site']);
      expect(remove.code).toBe(2);
      expect(remove.stderr).toContain('--yes');
    },
    SLOW,
  );

  it(
    'refuses a second init with ALREADY_INITIALIZED, and without a terminal asks for --yes',
    async () => {
      const { cli, dbArgs } = await emptyProject();
      const noTty = await cli(['init', ...dbArgs]);
      expect(noTty.code).toBe(2);
      expect(noTty.stderr).toContain('error USAGE');
      expect(noTty.stderr).toContain('--yes');
      expect(fs.existsSync(path.join(dir, 'igny8.config.ts'))).toBe(false);

      expect(
        (await cli(['init', '--yes', '--password-stdin', '--json', ...dbArgs], 'a chosen password\n')).code,
      ).toBe(0);
      const again = await cli(['init', '--yes', '--json', ...dbArgs]);
      expect(again.code).toBe(4);
      expect(JSON.parse(again.stdout).error.code).toBe('ALREADY_INITIALIZED');

      // Same database, fresh folder: the account in the database is enough to refuse.
      fs.rmSync(path.join(dir, 'igny8.config.ts'));
      const dbOnly = await cli([
        'init',
        '--yes',
        ...(dbArgs.length ? dbArgs : ['--database', 'sqlite:./igny8.db']),
      ]);
      expect(dbOnly.code).toBe(4);
      expect(dbOnly.stderr).toContain('already has an account');
      expect(fs.existsSync(path.join(dir, 'igny8.config.ts'))).toBe(false);
    },
    SLOW,
  );

  it(
    'stores a chosen password as Argon2id and never prints it',
    async () => {
      const { cli, dbArgs, open } = await emptyProject();
      const init = await cli([
        'init',
        '--yes',
        '--json',
        '--email',
        'me@example.com',
        '--password',
        'my own secret',
        ...dbArgs,
      ]);
      expect(init.code).toBe(0);
      expect(init.stdout).not.toContain('my own secret');
      expect(JSON.parse(init.stdout).password).toBeUndefined();
      const db = await open();
      const row = await db.selectFrom('users').select(['password_hash', 'role']).executeTakeFirstOrThrow();
      expect(row.role).toBe('owner');
      expect(await verifyPassword(row.password_hash, 'my own secret')).toBe(true);
    },
    SLOW,
  );

  it(
    'manages users from the CLI',
    async () => {
      const { cli, dbArgs } = await emptyProject();
      expect((await cli(['init', '--yes', '--email', 'owner@example.com', ...dbArgs])).code).toBe(0);
      const added = await cli([
        'user',
        'add',
        'ann@example.com',
        '--role',
        'admin',
        '--password',
        'ann password',
        '--json',
      ]);
      expect(added.code).toBe(0);
      expect(JSON.parse(added.stdout)).toMatchObject({ email: 'ann@example.com', role: 'admin' });
      const last = await cli(['user', 'remove', 'owner@example.com', '--json']);
      expect(last.code).toBe(4);
      expect(JSON.parse(last.stdout).error.code).toBe('LAST_OWNER');
      expect((await cli(['user', 'role', 'ann@example.com', 'owner'])).code).toBe(0);
      expect((await cli(['user', 'remove', 'owner@example.com'])).code).toBe(0);
      const users = JSON.parse((await cli(['user', 'list', '--json'])).stdout).items as Array<{
        email: string;
        role: string;
      }>;
      expect(users.map((u) => [u.email, u.role])).toEqual([['ann@example.com', 'owner']]);
    },
    SLOW,
  );

  it(
    'creates, lists and revokes API keys, and switches modules',
    async () => {
      const { cli, dbArgs } = await emptyProject();
      expect((await cli(['init', '--yes', ...dbArgs])).code).toBe(0);
      const created = await cli(['apikey', 'create', '--name', 'ci', '--json']);
      expect(created.code).toBe(0);
      const { key, prefix } = JSON.parse(created.stdout) as { key: string; prefix: string };
      expect(key.startsWith(`${prefix}_`)).toBe(true);
      const listed = await cli(['apikey', 'list', '--json']);
      expect(listed.stdout).not.toContain(key);
      expect(JSON.parse(listed.stdout).items).toMatchObject([{ prefix, status: 'active' }]);
      expect((await cli(['apikey', 'revoke', prefix])).code).toBe(0);
      expect(JSON.parse((await cli(['apikey', 'list', '--json'])).stdout).items[0].status).toBe('revoked');

      const modules = await cli(['account', 'modules', '--disable', 'writer', '--json']);
      expect(JSON.parse(modules.stdout)).toMatchObject({ writer: false, planner: true });
      const bad = await cli(['account', 'modules', '--enable', 'blog']);
      expect(bad.code).toBe(2);
    },
    SLOW,
  );
});
