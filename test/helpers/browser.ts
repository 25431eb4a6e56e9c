/**
 * Debian's chromium driven by playwright-core (never a browser playwright downloads). Outside CI a
 * machine without /usr/bin/chromium skips the browser tests with a loud message; under CI=true it
 * is a failure (.ci/run installs chromium), as the lab is for QEMU.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
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
