/**
 * Debian's chromium driven by playwright-core (never a browser playwright downloads). Outside CI a
 * machine without /usr/bin/chromium skips the browser tests with a loud message; under CI=true it
 * is a failure (.ci/run installs chromium), as the lab is for QEMU.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { repoRoot } from './cli.js';

export const CHROMIUM = process.env.VFIOKIT_CHROMIUM ?? '/usr/bin/chromium';

/** undefined: run; a string: the reason to skip (only outside CI). Throws under CI. */
export function browserSkip(): string | undefined {
  if (fs.existsSync(CHROMIUM)) return undefined;
  if (process.env.CI === 'true')
    throw new Error(`no ${CHROMIUM} under CI: .ci/run must apt-get install chromium`);
  const why = `no ${CHROMIUM}: install Debian's chromium to run the dashboard's browser tests`;
  console.error(`\n*** ui: SKIPPED (${why}) ***\n`);
  return why;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root (CI, this machine) cannot use chromium's user-namespace sandbox.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** Where the browser tests write screenshots (not committed); docs/img/ holds the README's. */
export const UI_OUT = path.join(repoRoot, 'test/out/ui');

export const UI_ASSETS = path.join(repoRoot, 'dist/ui');

export function needAssets(): void {
  if (!fs.existsSync(path.join(UI_ASSETS, 'index.html')))
    throw new Error('dist/ui is missing: run `npm run build` (npm test builds it first)');
}

/** The page's document as far as these tests use it (the test code is compiled without DOM types). */
interface PageGlobal {
  document: { querySelectorAll(selector: string): { length: number } };
}

/**
 * Until the page shows exactly n elements matching a selector. A function, not a string: the
 * dashboard's CSP forbids eval, and playwright evaluates string predicates with it.
 */
export async function waitCount(page: Page, selector: string, n: number, timeout?: number): Promise<void> {
  await page.waitForFunction(
    ([sel, count]) => (globalThis as unknown as PageGlobal).document.querySelectorAll(sel).length === count,
    [selector, n] as const,
    timeout === undefined ? undefined : { timeout },
  );
}
