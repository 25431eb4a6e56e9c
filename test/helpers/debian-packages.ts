// Expected outputs that come from files a Debian package installs hold for the package version
// they were recorded with: rom-parser's output over ipxe-qemu's and seabios's ROMs
// (test/fixtures/rom-parser/), the ROM facts of test/unit/rom-corpus.test.ts, the device names
// pci.ids gives the README's examples, and the text of `lspci -vvv` that vfiokit's decoders were
// written to match (pciutils' ls-caps.c wording changes between releases). These are the versions Debian 12 (bookworm) ships,
// which `.ci/run` installs.
//
// Policy: under CI (CI=true) a different or missing version fails at once, with both versions
// named: CI installs bookworm's packages, so a difference means the packages moved and the
// recorded outputs must be recorded again (test/fixtures/rom-parser/README.md says how) together
// with the version here. Elsewhere the comparisons still run (most outputs do not change between
// versions), and a failing one says that the installed version differs from the recorded one,
// instead of leaving a byte diff to puzzle over.
import { spawnSync } from 'node:child_process';

export const RECORDED_WITH = {
  'ipxe-qemu': '1.0.0+git-20190125.36a4c85-5.1',
  seabios: '1.16.2-1',
  'pci.ids': '0.0~2023.04.11-1',
  pciutils: '1:3.9.0-4',
} as const;

export type RecordedPackage = keyof typeof RECORDED_WITH;

const cache = new Map<RecordedPackage, string | null>();

/** The installed version by dpkg-query, or null (not installed, or no dpkg on this system). */
export function installedVersion(pkg: RecordedPackage): string | null {
  if (!cache.has(pkg)) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${field} format
    const format = '${db:Status-Abbrev}|${Version}';
    const r = spawnSync('dpkg-query', ['-W', '-f', format, pkg], {
      encoding: 'utf8',
    });
    const [status, version] = (r.status === 0 ? r.stdout : '').split('|');
    cache.set(pkg, status?.startsWith('ii') && version ? version : null);
  }
  return cache.get(pkg) ?? null;
}

/** Why outputs recorded from `pkg` may not apply here, or undefined when the versions match. */
export function versionDifference(pkg: RecordedPackage): string | undefined {
  const have = installedVersion(pkg);
  if (have === RECORDED_WITH[pkg]) return undefined;
  return `the expected output was recorded with Debian's ${pkg} ${RECORDED_WITH[pkg]}, this machine has ${have === null ? 'no such package (dpkg-query)' : have}`;
}

/**
 * Call before comparing against outputs recorded from `pkg`: throws under CI when the installed
 * version differs; elsewhere returns the note to append to a failing comparison's message ('' when
 * the versions match).
 */
export function recordedVersionNote(...pkgs: RecordedPackage[]): string {
  const diffs = pkgs.map(versionDifference).filter((d): d is string => d !== undefined);
  if (!diffs.length) return '';
  if (process.env.CI === 'true') {
    throw new Error(
      `${diffs.join('; ')}. CI installs bookworm's packages: record the outputs again and update test/helpers/debian-packages.ts`,
    );
  }
  return ` (note: ${diffs.join('; ')}, which may explain a difference)`;
}

/** Runs a comparison against recorded outputs; a failure carries the version note. */
export function withVersionNote(note: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (note && e instanceof Error) e.message += note;
    throw e;
  }
}
