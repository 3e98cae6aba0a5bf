import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RateLimits } from '../../server/middleware/rate-limit.js';
import {
  buildDashboard,
  CHROMIUM,
  CHROMIUM_FLAGS,
  LAPTOP,
  startDashboardServer,
  watchConsole,
  type ConsoleLog,
  type DashboardServer,
} from './browser-harness.js';

export const PASSWORD = 'a long enough password';

/** The dashboard's main pages, one per section, for tests that browse them all. */
export const MAIN_PAGES = [
  '/',
  '/planner',
  '/planner/clusters',
  '/writer',
  '/writer/tasks',
  '/images',
  '/automation',
  '/publishing',
  '/billing',
  '/settings',
];

/** A new user signing up through the register page, as a person would. */
export interface SignUp {
  name: string;
  company: string;
  email: string;
}

export interface BootOptions {
  /** 'defaults': the limits `igny8 serve` runs with (default: none, so tests never meet a 429). */
  rateLimits?: Partial<RateLimits> | 'defaults';
  /** Register this user in the first tab (ends on onboarding); without it nobody is signed in. */
  signUp?: SignUp;
  /** The first tab's default timeout for waits and clicks (ms). */
  timeout?: number;
}

export interface BootedDashboard {
  server: DashboardServer;
  context: BrowserContext;
  /** The first tab. */
  page: Page;
  /** Console errors and failed requests of every tab of the context. */
  consoleLog: ConsoleLog;
  /** The signed-up user's account (empty without `signUp`). */
  accountId: string;
  url(p: string): string;
  /** How far the page scrolls sideways (document.scrollingElement.scrollWidth − innerWidth; ≤ 0 fits). */
  overflow(page?: Page): Promise<number>;
  close(): Promise<void>;
}

/**
 * What every browser test starts with: the dashboard built from source, the API and the dashboard on
 * one port over a fresh SQLite database, Chromium with a fresh profile watching the console, and
 * (with `signUp`) a user registered through the register page.
 * @example const d = await bootDashboard({ signUp: { name: 'Kai', company: 'Brew', email: 'kai@example.com' } })
 */
export async function bootDashboard(options: BootOptions = {}): Promise<BootedDashboard> {
  const dist = await buildDashboard();
  const server = await startDashboardServer(
    dist,
    options.rateLimits ? { rateLimits: options.rateLimits } : {},
  );
  const { chromium } = await import('playwright-core');
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-chromium-'));
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    headless: true,
    viewport: LAPTOP,
  });
  const consoleLog = watchConsole(context);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(options.timeout ?? 20_000);
  const url = (p: string) => `${server.base}${p}`;
  const booted: BootedDashboard = {
    server,
    context,
    page,
    consoleLog,
    accountId: '',
    url,
    overflow: (p = page) => p.evaluate<number>('document.scrollingElement.scrollWidth - window.innerWidth'),
    async close() {
      await context.close();
      await server.close();
      for (const dir of [dist, userData]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.signUp) booted.accountId = await signUp(booted, options.signUp);
  return booted;
}

/** Register through the page and wait for onboarding; returns the new account's id. */
async function signUp(d: BootedDashboard, who: SignUp): Promise<string> {
  const { page } = d;
  await page.goto(d.url('/register'));
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Team or company').fill(who.company);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/onboarding/);
  const user = await d.server.core.tenancy.findUserByEmail(who.email);
  if (!user) throw new Error(`registering ${who.email} left no user`);
  return user.accountId;
}

/** Sign in through the login page in this tab and wait for the main navigation. */
export async function signIn(d: BootedDashboard, page: Page, email: string): Promise<void> {
  await page.goto(d.url('/login'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

export const haveChromium = fs.existsSync(CHROMIUM);
