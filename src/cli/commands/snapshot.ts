/** `vfiokit snapshot -o DIR|FILE.tar.gz`: capture this host (or --root) for --root and bug reports. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError, errnoCode, showPath, UsageError, VfiokitError } from '../../errors.js';
import { isArchivePath } from '../../host/archive-path.js';
import type { HostRoot } from '../../host/root.js';
import {
  addRoms,
  captureDirAtomically,
  prepareOutputDir,
  type SnapshotManifest,
  takeSnapshot,
} from '../../host/snapshot.js';
import { withTempDir, writeArchive } from '../../host/snapshot-archive.js';
import { displayRomDevices } from '../../host/snapshot-roms.js';
import { formatPciAddress, parsePciAddress } from '../../pci/address.js';
import type { CliContext } from '../context.js';
import { refuseSpecialOutput } from './rom-files.js';
import { refuseRiskyRomRead } from './rom-ids.js';

export interface SnapshotCliOptions {
  output: string;
  redact: boolean;
  roms?: boolean;
  rom?: string[];
  force?: boolean;
}

declare const VFIOKIT_VERSION: string | undefined;
const version = typeof VFIOKIT_VERSION === 'string' ? VFIOKIT_VERSION : '0.0.0-dev';

async function capture(
  root: HostRoot,
  out: string,
  snapOpts: { redact: boolean; version: string },
  roms: string[],
  force: boolean,
): Promise<SnapshotManifest> {
  const take = async (dir: string) => {
    const m = takeSnapshot(root, dir, snapOpts);
    return roms.length ? addRoms(root, dir, m, roms) : m;
  };
  if (isArchivePath(out)) {
    if (!fs.existsSync(path.dirname(out))) {
      throw new UsageError(`directory ${showPath(path.dirname(out))} does not exist`, {
        hint: 'create it first or write the archive elsewhere',
        code: 'snapshot.output',
      });
    }
    refuseSpecialOutput(out, 'snapshot.output-not-file');
    if (!force && fs.existsSync(out)) {
      throw new UsageError(`${showPath(out)} already exists`, {
        hint: 'choose another name, or add --force to replace it',
        code: 'snapshot.output-exists',
      });
    }
    return withTempDir(async (dir) => {
      const m = await take(dir);
      await writeArchive(dir, out);
      return m;
    });
  }
  prepareOutputDir(out);
  // Captured under a temporary name and renamed when complete: a capture that fails midway
  // (ENOSPC, ELOOP) leaves no tree that --root could take for a host.
  return captureDirAtomically(out, take);
}

/** The devices whose ROMs to read: checked before anything is captured. */
function romDevices(root: HostRoot, opts: SnapshotCliOptions): string[] {
  const named = (opts.rom ?? []).map((b) => formatPciAddress(parsePciAddress(b)));
  for (const bdf of named) {
    if (!root.isDir(`/sys/bus/pci/devices/${bdf}`))
      throw new UsageError(`no PCI device ${bdf}${root.live ? '' : ` in ${root.name}`}`, {
        hint: 'list the addresses with `vfiokit devices`',
        code: 'snapshot.no-device',
      });
    refuseRiskyRomRead(
      root,
      bdf,
      opts.force,
      'leave it out, unbind its driver first, or pass --force if the host does not depend on it',
    );
  }
  const all = [...new Set([...(opts.roms ? displayRomDevices(root) : []), ...named])];
  if (all.length && root.live && typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new EnvironmentError(
      'reading option ROMs needs root (the ROM BAR is enabled through sysfs for the read)',
      {
        hint: 'run the snapshot with sudo, or leave out --roms/--rom',
        code: 'host.permission',
      },
    );
  }
  return all;
}

export async function runSnapshot(ctx: CliContext, opts: SnapshotCliOptions): Promise<number> {
  const out = path.resolve(opts.output);
  const root = ctx.root();
  if (out === root.dir || (root.live && out === '/')) {
    throw new UsageError('the snapshot output cannot be the root being captured', {
      code: 'snapshot.output',
    });
  }
  const snapOpts = { redact: opts.redact !== false, version };
  const roms = romDevices(root, opts);
  let manifest: SnapshotManifest;
  try {
    manifest = await capture(root, out, snapOpts, roms, Boolean(opts.force));
  } catch (e) {
    if (e instanceof VfiokitError || !errnoCode(e)) throw e;
    const code = errnoCode(e);
    throw new EnvironmentError(`cannot write the snapshot to ${showPath(out)}: ${code}`, {
      hint:
        code === 'ELOOP'
          ? 'the output path goes through a loop of symbolic links; give -o a plain path'
          : code === 'ENOSPC'
            ? 'no space left there; nothing was kept, free some space or write elsewhere'
            : 'choose a writable place with free space for -o',
      cause: e,
      code: 'snapshot.write',
    });
  }
  if (ctx.json) {
    ctx.printJson({ ...manifest, schema: 'vfiokit.snapshot/1', output: out });
    return 0;
  }
  const { c } = ctx;
  ctx.out(`${c.bold('snapshot')} ${out}`);
  ctx.out(`  PCI devices     ${manifest.pciDevices}`);
  ctx.out(`  files, links    ${manifest.files}, ${manifest.links}`);
  ctx.out(
    `  kernel messages ${manifest.kernelMessages.source ?? c.yellow(`none: ${manifest.kernelMessages.why}`)}`,
  );
  const r = manifest.redactions;
  ctx.out(
    `  redacted        ${manifest.redacted ? `${r.deviceSerialCaps} device serial caps, ${r.serialNumbers} serial attributes, ${r.macAddresses} MAC addresses, ${r.hostNames} host names` : c.yellow('nothing (--no-redact)')}`,
  );
  for (const rom of manifest.roms ?? []) {
    ctx.out(
      `  ROM ${rom.device}  ${rom.bytes !== undefined ? `${rom.bytes} bytes` : c.yellow(`not read: ${rom.error}`)}`,
    );
  }
  if (manifest.unreadable.length) {
    ctx.out(`  not captured    ${manifest.unreadable.length} path(s); see manifest.json`);
  }
  for (const n of manifest.notes) ctx.out(c.dim(`  note: ${n}`));
  ctx.out(`Read it with: vfiokit --root ${opts.output} devices`);
  return 0;
}
