// libvirt as the oracle for `config libvirt`: every golden domain is defined by libvirt's own
// parser (the test driver, no daemon), and libvirt's QEMU driver (session mode, libvirtd started
// on demand as an unprivileged user) turns each into the QEMU command line it would run, which
// must agree with `config qemu` on the devices and their guest addresses, memory and CPU.
//
// Changes made to the XML before domxml-to-native, each because this machine cannot do what the
// real host does, not because of the XML: type='kvm' → 'qemu' and host-passthrough → maximum (no
// /dev/kvm here); <memoryBacking> dropped (libvirt needs a mounted hugetlbfs of that page size;
// the memory size is still compared); <interface> dropped (domxml-to-native turns every NIC into
// a tap device, which needs /dev/net/tun); evdev <input> dropped (the devices do not exist here).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { shellCommands } from '../../src/vm/shell-words.js';
import { GOLDEN_DIR, MATRIX, renderSpec } from '../helpers/vm-host.js';

const haveVirsh = spawnSync('virsh', ['--version']).status === 0;

test('libvirt defines every generated domain (virsh -c test:///default define)', {
  skip: !haveVirsh && !process.env.CI && 'virsh not installed',
}, () => {
  let n = 0;
  for (const name of MATRIX) {
    const file = path.join(GOLDEN_DIR, `${name}.xml`);
    const r = spawnSync('virsh', ['-c', 'test:///default', 'define', file], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    assert.match(r.stdout, /Domain '[^']+' defined/);
    n++;
  }
  assert.equal(n, MATRIX.length);
});

const canSession =
  fs.existsSync('/usr/sbin/libvirtd') &&
  process.getuid?.() === 0 &&
  spawnSync('setpriv', ['--version']).status === 0;

/** -device values of a command line: JSON objects (libvirt) or key=value lists (vfiokit). */
function devices(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length - 1; i++) {
    if (argv[i] !== '-device') continue;
    const v = argv[i + 1];
    let o: Record<string, unknown>;
    if (v.startsWith('{')) o = JSON.parse(v);
    else {
      const [driver, ...kv] = v.split(',');
      o = { driver, ...Object.fromEntries(kv.map((p) => p.split('=') as [string, string])) };
    }
    const driver = String(o.driver);
    if (!/^(vfio-pci|pcie-root-port|virtio-blk-pci|qxl-vga|ivshmem-plain)$/.test(driver)) continue;
    // addr 0x2 and 0x2.0x0 are the same slot and function.
    const addr = String(o.addr).replace(/\.0x0$/, '');
    const key = driver === 'vfio-pci' ? `vfio-pci ${o.host}` : `${driver} ${o.bus} ${addr}`;
    out.set(key, `${o.bus} ${addr}`);
  }
  return out;
}

test('libvirt QEMU driver (domxml-to-native) agrees with config qemu', {
  skip:
    !canSession &&
    !process.env.CI &&
    'needs root (to run libvirtd as nobody), /usr/sbin/libvirtd (libvirt-daemon-driver-qemu) and setpriv',
}, () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-libvirt-'));
  fs.chmodSync(home, 0o777);
  try {
    let n = 0;
    for (const name of MATRIX) {
      const r = renderSpec(name);
      const xml = r.xml
        .replace("<domain type='kvm'", "<domain type='qemu'")
        .replace("mode='host-passthrough'", "mode='maximum'")
        .replace(/ *<memoryBacking>[\s\S]*?<\/memoryBacking>\n/, '')
        .replace(/ *<interface [\s\S]*?<\/interface>\n/g, '')
        .replace(/ *<input type='evdev'>[\s\S]*?<\/input>\n/g, '');
      const file = path.join(home, `${name}.xml`);
      fs.writeFileSync(file, xml);
      fs.chmodSync(file, 0o644);
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        XDG_RUNTIME_DIR: path.join(home, 'run'),
        XDG_CONFIG_HOME: path.join(home, 'cfg'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
      };
      const out = spawnSync(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          'virsh',
          '-c',
          'qemu:///session',
          'domxml-to-native',
          'qemu-argv',
          file,
        ],
        { encoding: 'utf8', env, timeout: 120_000 },
      );
      assert.equal(out.status, 0, `${name}: ${out.stderr}`);
      const theirs = shellCommands(out.stdout, { lenient: true })[0].map((w) => w.text);
      const ours = r.qemu;
      assert.deepEqual(devices(theirs), devices(ours), `${name}: devices and guest addresses`);
      assert.ok(devices(ours).size >= 2, name);
      // -smp: libvirt adds dies=1, the same topology.
      assert.equal(
        theirs[theirs.indexOf('-smp') + 1].replace(',dies=1', ''),
        ours[ours.indexOf('-smp') + 1],
        `${name}: -smp`,
      );
      const mib = (s: string) =>
        s.endsWith('G') ? +s.slice(0, -1) * 1024 : s.endsWith('M') ? +s.slice(0, -1) : +s;
      assert.equal(mib(theirs[theirs.indexOf('-m') + 1]), mib(ours[ours.indexOf('-m') + 1]), `${name}: -m`);
      const theirCpu = theirs[theirs.indexOf('-cpu') + 1];
      const ourCpu = ours[ours.indexOf('-cpu') + 1];
      assert.equal(theirCpu.includes('kvm=off'), ourCpu.includes('kvm=off'), `${name}: kvm=off`);
      const vendor = /hv[-_]vendor[-_]id=([^,]+)/;
      assert.equal(vendor.exec(theirCpu)?.[1], vendor.exec(ourCpu)?.[1], `${name}: hv vendor_id`);
      assert.equal(
        theirs.some((a) => a.includes('x-vga')),
        ours.some((a) => a.includes('x-vga=on')),
        `${name}: x-vga`,
      );
      n++;
    }
    assert.equal(n, MATRIX.length);
  } finally {
    // virsh started a session libvirtd for this test (it would exit by itself after 120 s idle):
    // stop that one, by the pid it wrote, before its directory goes.
    const pidFile = path.join(home, 'run', 'libvirt', 'libvirtd.pid');
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : Number.NaN;
    if (Number.isInteger(pid) && pid > 1) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    fs.rmSync(home, { recursive: true, force: true });
  }
});
