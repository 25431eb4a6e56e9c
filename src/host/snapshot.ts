/**
 * `vfiokit snapshot`: copy what vfiokit's analyses read from a host root into a directory with
 * the same layout, so that `--root DIR` reproduces every command's view of that host. The
 * capture only reads from the source; redaction (serials, MACs, host name) is on by default
 * because snapshots are attached to bug reports.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { showPath, UsageError } from '../errors.js';
import type { SnapshotManifestJson } from '../schema/outputs/snapshot.js';
import type { HostRoot } from './root.js';
import { captureKernelMessages } from './snapshot-kmsg.js';
import { capturePci } from './snapshot-pci.js';
import { Redactor } from './snapshot-redact.js';
import { captureRoms } from './snapshot-roms.js';
import { captureSystem } from './snapshot-system.js';
import { ensureDir, SnapshotWriter } from './snapshot-writer.js';

export const SNAPSHOT_MANIFEST = 'manifest.json';

// The manifest's type comes from its schema definition (docs/json.md#snapshot).
export type SnapshotManifest = SnapshotManifestJson;

export interface SnapshotOptions {
  redact: boolean;
  version: string;
  now?: Date;
}

/** The output directory must be new or empty: a snapshot never mixes with other files. */
export function prepareOutputDir(dir: string): void {
  let entries: string[] | undefined;
  try {
    entries = fs.readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UsageError(
        `cannot use ${showPath(dir)} as snapshot output: ${(e as NodeJS.ErrnoException).code}`,
        {
          hint: 'give -o a new directory or a FILE.tar.gz',
          code: 'snapshot.output',
        },
      );
    }
  }
  if (entries?.length) {
    throw new UsageError(`snapshot output directory ${showPath(dir)} is not empty`, {
      hint: 'give -o a new or empty directory, or a FILE.tar.gz',
      code: 'snapshot.output-not-empty',
    });
  }
  ensureDir(path.dirname(path.resolve(dir)));
}

/**
 * Capture into `.NAME.partial-PID` beside `dir`, then rename it to `dir` (replacing it if it is
 * an empty directory): the manifest is written last and the tree appears only complete, so an
 * interrupted capture never leaves a tree that `--root` would read as a host.
 */
export async function captureDirAtomically<T>(dir: string, take: (tmp: string) => Promise<T>): Promise<T> {
  const abs = path.resolve(dir);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.partial-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { mode: 0o755 });
  try {
    const r = await take(tmp);
    fs.renameSync(tmp, abs);
    return r;
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

function hostNames(src: HostRoot): string[] {
  const names = [src.readAttr('/proc/sys/kernel/hostname'), src.readAttr('/etc/hostname')];
  if (src.live) names.push(os.hostname());
  const out: string[] = [];
  for (const n of names) {
    if (!n) continue;
    out.push(n);
    // The short name appears in logs too ("myhost" for "myhost.example.org").
    if (n.includes('.')) out.push(n.split('.')[0]);
  }
  return out;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

const ROM_PLACEHOLDER_NOTE =
  'rom files are placeholders: reading a ROM needs a write to the rom attribute, which a snapshot does only with --roms or --rom BDF';

/** Adds the ROMs of `devices` to a snapshot just taken, and records them in its manifest. */
export async function addRoms(
  src: HostRoot,
  outDir: string,
  manifest: SnapshotManifest,
  devices: string[],
): Promise<SnapshotManifest> {
  const roms = await captureRoms(src, outDir, devices);
  const got = roms.filter((r) => r.bytes !== undefined).length;
  const notes = manifest.notes.map((n) =>
    n === ROM_PLACEHOLDER_NOTE
      ? `rom files hold the ROMs read for ${got} of ${roms.length} requested device(s); the others are placeholders`
      : n,
  );
  const m = { ...manifest, roms, notes };
  fs.writeFileSync(path.join(outDir, SNAPSHOT_MANIFEST), `${JSON.stringify(m, null, 2)}\n`);
  return m;
}

export function takeSnapshot(src: HostRoot, outDir: string, opts: SnapshotOptions): SnapshotManifest {
  const w = new SnapshotWriter(src, outDir);
  const red = new Redactor(opts.redact, safe(() => hostNames(src)) ?? []);
  const kernel = safe(() => src.readAttr('/proc/sys/kernel/osrelease'));
  const pci = capturePci(w, red);
  captureSystem(w, red, kernel);
  const kmsg = captureKernelMessages(w, red);
  const privileged = src.live ? process.getuid?.() === 0 : pci.truncatedConfig.length === 0;
  const notes: string[] = [];
  if (pci.truncatedConfig.length) {
    notes.push(
      `config space of ${pci.truncatedConfig.length} device(s) was readable only in part (64 bytes without root): their capabilities are unknown; run the snapshot as root for them`,
    );
  }
  notes.push(ROM_PLACEHOLDER_NOTE);
  if (opts.redact)
    notes.push('serial numbers, MAC addresses and host names are redacted (--no-redact keeps them)');
  const manifest: SnapshotManifest = {
    schema: 'vfiokit.snapshot/1',
    vfiokitVersion: opts.version,
    createdAt: (opts.now ?? new Date()).toISOString(),
    source: src.name,
    kernel,
    privileged,
    redacted: opts.redact,
    redactions: red.counts,
    pciDevices: pci.devices,
    truncatedConfig: pci.truncatedConfig,
    kernelMessages: kmsg,
    files: w.files,
    links: w.links,
    unreadable: w.unreadable,
    notes,
  };
  fs.writeFileSync(path.join(outDir, SNAPSHOT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
