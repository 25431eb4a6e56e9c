/**
 * The guest initramfs: static busybox, the handful of modules needed to mount a 9p + overlay root,
 * and lab/guest/init.sh as /init. Every other module is reached through the 9p share at run time.
 * Built once per kernel and init script: the file name carries a hash of both.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../src/errors.js';
import type { LabKernel } from './kernel.js';
import { cacheDir, labDir } from './paths.js';

/** virtio transport, 9p over virtio, and overlayfs (Debian builds all of them as modules). */
const ROOT_MODULES = [
  'virtio',
  'virtio_ring',
  'virtio_pci_modern_dev',
  'virtio_pci_legacy_dev',
  'virtio_pci',
  'netfs',
  'fscache',
  '9pnet',
  '9pnet_virtio',
  '9p',
  'overlay',
];

function findBusybox(): string {
  for (const p of ['/bin/busybox', '/usr/bin/busybox']) if (existsSync(p)) return p;
  throw new EnvironmentError('lab: busybox not found', { hint: 'apt-get install busybox-static' });
}

/** modules.dep lines look like `kernel/fs/9p/9p.ko: kernel/net/9p/9pnet.ko ...`. */
function modulePaths(kernel: LabKernel): Map<string, string> {
  const dep = readFileSync(join(kernel.modulesDir, 'modules.dep'), 'utf8');
  const byName = new Map<string, string>();
  for (const line of dep.split('\n')) {
    const file = line.slice(0, line.indexOf(':'));
    const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.ko(\.xz|\.zst|\.gz)?$/, '');
    if (file) byName.set(base.replaceAll('-', '_'), file);
  }
  return byName;
}

export function ensureInitramfs(kernel: LabKernel): string {
  const init = readFileSync(join(labDir, 'guest/init.sh'));
  const busybox = findBusybox();
  const hash = createHash('sha256')
    .update(init)
    .update(ROOT_MODULES.join(','))
    .update(readFileSync(busybox))
    .digest('hex')
    .slice(0, 12);
  const out = join(cacheDir(), `initrd-${kernel.release}-${hash}.img`);
  if (existsSync(out)) return out;

  const tmp = mkdtempSync(join(cacheDir(), '.initramfs-'));
  try {
    const tree = join(tmp, 'tree');
    for (const d of [
      'bin',
      'sbin',
      'usr/bin',
      'usr/sbin',
      'mods',
      'proc',
      'sys',
      'dev',
      'ro',
      'rw',
      'newroot',
    ])
      mkdirSync(join(tree, d), { recursive: true });
    mkdirSync(join(tree, 'lib/modules'), { recursive: true });
    copyFileSync(busybox, join(tree, 'bin/busybox'));
    chmodSync(join(tree, 'bin/busybox'), 0o755);
    const paths = modulePaths(kernel);
    for (const m of ROOT_MODULES) {
      const rel = paths.get(m);
      if (!rel) throw new EnvironmentError(`lab: module ${m} not in ${kernel.pkg}`);
      const src = join(kernel.modulesDir, rel);
      const dst = join(tree, 'mods', `${m}.ko`);
      // busybox insmod takes plain ELF objects; newer Debian kernels compress their modules.
      if (rel.endsWith('.ko')) copyFileSync(src, dst);
      else if (rel.endsWith('.xz')) writeFileSync(dst, execFileSync('xz', ['-dc', src]));
      else if (rel.endsWith('.zst')) writeFileSync(dst, execFileSync('zstd', ['-dc', src]));
      else writeFileSync(dst, execFileSync('gzip', ['-dc', src]));
    }
    writeFileSync(join(tree, 'mods/order'), `${ROOT_MODULES.join('\n')}\n`);
    writeFileSync(join(tree, 'init'), init, { mode: 0o755 });
    const img = join(tmp, 'initrd.img');
    execFileSync('sh', ['-c', `cd "${tree}" && find . | cpio -o -H newc --quiet | gzip -1 > "${img}"`]);
    renameSync(img, out);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}
