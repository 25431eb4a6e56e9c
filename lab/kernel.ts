/**
 * The guest kernel: Debian's own linux-image package, fetched with `apt-get download` and unpacked
 * with `dpkg -x` into the lab cache, so nothing is installed system-wide. The package name is what
 * the `linux-image-amd64` metapackage currently depends on, so the lab follows Debian's updates.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../src/errors.js';
import { cacheDir } from './paths.js';

export interface LabKernel {
  /** Debian package name, e.g. linux-image-6.1.0-56-amd64. */
  pkg: string;
  /** `uname -r` of the guest, the directory name under lib/modules. */
  release: string;
  /** Root of the unpacked package (holds boot/ and lib/modules/). */
  root: string;
  vmlinuz: string;
  modulesDir: string;
}

function run(cmd: string, args: string[], cwd?: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new EnvironmentError(
      `lab: ${cmd} ${args.join(' ')} failed: ${(err.stderr || err.message).trim()}`,
      {
        hint: 'the lab needs Debian apt (apt-get, apt-cache, dpkg) and kmod (depmod) on the host',
      },
    );
  }
}

/** The kernel package linux-image-amd64 depends on right now (VFIOKIT_LAB_KPKG overrides it). */
export function currentKernelPackage(): string {
  if (process.env.VFIOKIT_LAB_KPKG) return process.env.VFIOKIT_LAB_KPKG;
  const out = run('apt-cache', ['depends', 'linux-image-amd64']);
  const m = /Depends:\s*(linux-image-\d\S*)/.exec(out);
  if (!m) {
    throw new EnvironmentError('lab: cannot find the kernel package linux-image-amd64 depends on', {
      hint: 'run apt-get update, or set VFIOKIT_LAB_KPKG=linux-image-<version>-amd64',
    });
  }
  return m[1];
}

function describe(pkg: string, root: string): LabKernel {
  const release = readdirSync(join(root, 'lib/modules'))[0];
  return {
    pkg,
    release,
    root,
    vmlinuz: join(root, 'boot', `vmlinuz-${release}`),
    modulesDir: join(root, 'lib/modules', release),
  };
}

/**
 * Downloads and unpacks the kernel once; later calls find it in the cache. Unpacking happens in
 * a temporary directory renamed into place, so two lab processes starting together never see a
 * half-extracted tree (the loser of the rename race just uses the winner's copy).
 */
export function ensureKernel(): LabKernel {
  const pkg = currentKernelPackage();
  const cache = cacheDir();
  const root = join(cache, pkg);
  if (existsSync(join(root, '.complete'))) return describe(pkg, root);

  const tmp = mkdtempSync(join(cache, `.${pkg}-`));
  try {
    run('apt-get', ['download', '-q', pkg], tmp);
    const deb = readdirSync(tmp).find((f) => f.endsWith('.deb'));
    if (!deb) throw new EnvironmentError(`lab: apt-get download ${pkg} produced no .deb`);
    const tree = join(tmp, 'tree');
    run('dpkg', ['-x', join(tmp, deb), tree]);
    const release = readdirSync(join(tree, 'lib/modules'))[0];
    // kmod's depmod writes the binary indexes (modules.dep.bin, modules.alias.bin) that the
    // guest's kmod modprobe needs; the package ships none because Debian's postinst runs depmod.
    run('depmod', ['-b', tree, release]);
    run('touch', [join(tree, '.complete')]);
    try {
      renameSync(tree, root);
    } catch {
      if (!existsSync(join(root, '.complete'))) throw new EnvironmentError(`lab: cannot place ${root}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return describe(pkg, root);
}
