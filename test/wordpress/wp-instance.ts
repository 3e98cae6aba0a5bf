import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../helpers/free-port.js';

/**
 * The real WordPress the suites under test/wordpress/ run against. An instance given by the
 * environment wins (IGNY8_TEST_WP_URL + IGNY8_TEST_WP_USER + IGNY8_TEST_WP_APP_PASSWORD; a plain-
 * permalinks site likewise with IGNY8_TEST_WP_PLAIN_*; its editor without unfiltered_html with
 * IGNY8_TEST_WP_EDITOR_USER + IGNY8_TEST_WP_EDITOR_APP_PASSWORD); otherwise each suite starts its own with
 * scripts/services/wordpress.sh. Without the Debian packages the suites skip locally, and fail in CI.
 */

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(root, 'scripts/services/wordpress.sh');

export interface WpSite {
  url: string;
  user: string;
  appPassword: string;
}

export interface WpInstance {
  main: WpSite;
  /**
   * The main site as an Editor WordPress strips <script> for (no unfiltered_html, as on a multisite
   * or with DISALLOW_UNFILTERED_HTML); null for a site given without one.
   */
  editor: WpSite | null;
  /** The main site's folder (its files are under www/), or null for a site given by the environment. */
  dir: string | null;
  /** A site without pretty permalinks (only when asked for). */
  plain: WpSite | null;
  stop(): Promise<void>;
}

function envSite(prefix: string): WpSite | null {
  const url = process.env[`${prefix}_URL`];
  const user = process.env[`${prefix}_USER`];
  const appPassword = process.env[`${prefix}_APP_PASSWORD`];
  return url && user && appPassword ? { url, user, appPassword } : null;
}

function onPath(command: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin'];
  return dirs.some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

function stackInstalled(): boolean {
  return fs.existsSync('/usr/share/wordpress/wp-settings.php') && ['php', 'mariadbd', 'curl'].every(onPath);
}

/** Why the suites cannot run here, or null when they can. In CI this is always null: missing is a failure. */
export function wordpressSkipReason(): string | null {
  if (envSite('IGNY8_TEST_WP') || process.env.CI || stackInstalled()) return null;
  return 'WordPress test stack not installed (run: sudo scripts/services/wordpress.sh install) — skipping';
}

async function script(args: string[]): Promise<string> {
  const { stdout } = await run('bash', [SCRIPT, ...args], { encoding: 'utf8', timeout: 120_000 });
  return stdout.trim();
}

function parseSite(line: string): WpSite {
  const parsed = JSON.parse(line) as WpSite;
  return { url: parsed.url, user: parsed.user, appPassword: parsed.appPassword };
}

function parseEditor(line: string): WpSite | null {
  const parsed = JSON.parse(line) as { url: string; editor?: { user: string; appPassword: string } };
  return parsed.editor ? { url: parsed.url, ...parsed.editor } : null;
}

function envEditor(main: WpSite | null): WpSite | null {
  const user = process.env.IGNY8_TEST_WP_EDITOR_USER;
  const appPassword = process.env.IGNY8_TEST_WP_EDITOR_APP_PASSWORD;
  return main && user && appPassword ? { url: main.url, user, appPassword } : null;
}

/**
 * A started (or given) WordPress; `plain: true` adds a site without pretty permalinks; `seo` picks
 * which SEO plugin's meta the main site simulates (default yoast; 'none' is a stock site).
 */
export async function startWordPress(
  opts: { plain?: boolean; seo?: 'yoast' | 'rankmath' | 'seopress' | 'none' } = {},
): Promise<WpInstance> {
  const given = envSite('IGNY8_TEST_WP');
  const givenPlain = envSite('IGNY8_TEST_WP_PLAIN');
  const dirs: string[] = [];
  const stop = async () => {
    for (const dir of dirs) await script(['stop', dir]).catch(() => undefined);
  };
  const startIn = async (extra: string[]) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-wp-'));
    dirs.push(dir);
    const line = await script(['start', dir, String(await freePort()), ...extra]);
    return { dir, site: parseSite(line), editor: parseEditor(line) };
  };
  try {
    let main = given;
    let dir: string | null = null;
    let editor = envEditor(given);
    if (!main) {
      const started = await startIn(opts.seo ? ['--seo', opts.seo] : []);
      main = started.site;
      dir = started.dir;
      editor = started.editor;
    }
    let plain: WpSite | null = null;
    if (opts.plain) {
      plain = givenPlain;
      if (!plain && dir)
        plain = parseSite(
          await script(['add-site', dir, String(await freePort()), '--plain', '--seo', 'none']),
        );
      if (!plain) plain = (await startIn(['--plain', '--seo', 'none'])).site;
    }
    return { main, editor, dir, plain, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
