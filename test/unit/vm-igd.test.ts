// The VM spec's Intel IGD modes (QEMU docs/igd-assign.txt; hw/vfio/igd.c): golden outputs of a
// legacy-mode spec on the committed Haswell fixture host (test/fixtures/igd/haswell-i915, whose
// host bridge and IGD config are a public AIDA64 dump: test/fixtures/igd/dumps/haswell-mobile.txt)
// and of a UPT spec on the Kaby Lake host of test/helpers/igd-hosts.ts (IDs and stolen memory from
// a public board report: test/fixtures/igd/dumps/kaby-lake-r.values.txt; its ASLS is composed);
// libvirt's parser defines both domains, QEMU starts both command lines (-S, QMP) with a stand-in
// at the IGD's guest address, and the spec refuses what QEMU's document rules out, in one line.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { openRoot } from '../../src/host/root.js';
import { renderLibvirt } from '../../src/vm/render-libvirt.js';
import { formatQemuShell, renderQemu } from '../../src/vm/render-qemu.js';
import { parseVmSpec } from '../../src/vm/spec/parse-spec.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import type { Fixture } from '../helpers/fixture-builder.js';
import { buildIgdHost, IGD_HOSTS } from '../helpers/igd-hosts.js';
import { GOLDEN_DIR, modelFor, specText } from '../helpers/vm-host.js';

const HASWELL = path.join(repoRoot, 'test/fixtures/igd/haswell-i915');

function render(name: 'igd-legacy' | 'igd-upt') {
  const built = name === 'igd-upt' ? buildIgdHost(IGD_HOSTS.find((c) => c.name === 'kaby-lake')!) : undefined;
  try {
    const fx = built ?? ({ root: openRoot(HASWELL) } as Fixture);
    const spec = parseVmSpec(specText(name), `${name}.yaml`);
    const model = modelFor(spec, fx);
    const qemu = renderQemu(model).argv;
    return { spec, model, qemu, shell: formatQemuShell(qemu), xml: renderLibvirt(model) };
  } finally {
    built?.cleanup();
  }
}
const NAMES = ['igd-legacy', 'igd-upt'] as const;

test('golden outputs of the IGD legacy and UPT specs', () => {
  let n = 0;
  for (const name of NAMES) {
    const r = render(name);
    for (const [ext, text] of [
      ['qemu.sh', `${r.shell}\n`],
      ['xml', r.xml],
    ] as const) {
      const file = path.join(GOLDEN_DIR, `${name}.${ext}`);
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
      assert.equal(text, fs.readFileSync(file, 'utf8'), `${name}.${ext} differs from the golden file`);
      n++;
    }
  }
  assert.equal(n, 4);
});

test('legacy mode: what QEMU docs/igd-assign.txt "Usage" says, in both outputs', () => {
  const r = render('igd-legacy');
  // "-device vfio-pci,host=00:02.0,id=hostdev0,bus=pci.0,addr=0x2" (the document's own line).
  const vfio = r.qemu.filter((a) => a.startsWith('vfio-pci,'));
  assert.equal(vfio.length, 1);
  assert.match(vfio[0], /^vfio-pci,host=0000:00:02\.0,id=hostdev0,bus=pci\.0,addr=0x2\.0x0$/);
  // i440fx (QEMU's igd.c: the pc_piix family only), no other display, -nodefaults and -vga none.
  assert.match(r.qemu[r.qemu.indexOf('-machine') + 1], /^pc,/);
  for (const opt of ['-nodefaults', '-vga']) assert.ok(r.qemu.includes(opt), opt);
  assert.equal(r.qemu[r.qemu.indexOf('-vga') + 1], 'none');
  assert.ok(!r.qemu.some((a) => /qxl|VGA|-spice/.test(a)));
  assert.ok(!r.qemu.some((a) => a.includes('rombar=0')));
  // Nothing else at 00:1f.0, where QEMU puts its vfio-pci-igd-lpc-bridge.
  assert.ok(!r.qemu.some((a) => /addr=0x1f/.test(a)));
  assert.match(r.xml, /<type arch='x86_64' machine='pc'>hvm<\/type>/);
  assert.match(r.xml, /<video>\s*<model type='none'\/>\s*<\/video>/);
  assert.ok(!r.xml.includes('<graphics'));
  assert.match(
    r.xml,
    /<hostdev mode='subsystem' type='pci' managed='no'>[\s\S]*?<\/source>\s*<address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'\/>/,
  );
});

test('UPT mode: not at guest 00:02.0 of the root bus, x-igd-opregion=on in both outputs', () => {
  const r = render('igd-upt');
  const vfio = r.qemu.filter((a) => a.startsWith('vfio-pci,'));
  assert.equal(vfio.length, 1);
  assert.match(vfio[0], /,x-igd-opregion=on$/);
  assert.ok(!/bus=pcie\.0,addr=0x2\.0x0/.test(vfio[0]));
  assert.ok(
    r.qemu.some((a) => a.startsWith('qxl-vga,')),
    'the emulated display stays',
  );
  assert.match(
    r.xml,
    /<qemu:device alias='ua-hostdev0'>\s*<qemu:frontend>\s*<qemu:property name='x-igd-opregion' type='bool' value='true'\/>/,
  );
  assert.match(r.xml, /<alias name='ua-hostdev0'\/>/);
});

test('the spec refuses what legacy mode cannot do, one line with file:line:col', () => {
  const base = specText('igd-legacy');
  const cases: [string, string, RegExp][] = [
    [
      'another address',
      base.replace("address: '0000:00:02.0'", "address: '0000:00:03.0'"),
      /^x\.yaml:11:14: devices\[0\]\.address: igd: legacy needs the IGD at 0000:00:02\.0/,
    ],
    [
      'a QXL display',
      `${base}display:\n  type: spice\n`,
      /^x\.yaml:16:9: display\.type: igd: legacy makes the IGD the only display/,
    ],
    [
      'rombar 0',
      base.replace('igd: legacy', 'igd: legacy\n    rombar: false'),
      /^x\.yaml:13:13: devices\[0\]\.rombar: rombar: false \(rombar=0\) disables IGD legacy mode$/,
    ],
    [
      'q35',
      base.replace('machine: i440fx', 'machine: q35'),
      /^x\.yaml:4:10: machine: igd: legacy needs machine: i440fx/,
    ],
    [
      'the OpRegion option',
      base.replace('igd: legacy', 'igd: legacy\n    opregion: true'),
      /^x\.yaml:13:15: devices\[0\]\.opregion: legacy mode gives the guest the OpRegion/,
    ],
  ];
  for (const [what, text, want] of cases) {
    const e = (() => {
      try {
        parseVmSpec(text, 'x.yaml');
      } catch (err) {
        return err as Error;
      }
      assert.fail(`${what}: accepted`);
    })();
    assert.match(e.message, want, what);
    assert.ok(!e.message.includes('\n'), `${what}: one line`);
  }
  assert.equal(cases.length, 5);
});

test('libvirt defines both IGD domains (virsh -c test:///default define)', {
  skip: spawnSync('virsh', ['--version']).status !== 0 && !process.env.CI && 'virsh not installed',
}, () => {
  for (const name of NAMES) {
    const r = spawnSync('virsh', ['-c', 'test:///default', 'define', path.join(GOLDEN_DIR, `${name}.xml`)], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    assert.match(r.stdout, /Domain '[^']+' defined/);
  }
});

type Qmp = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;

async function withQmp<T>(argv: string[], sock: string, fn: (qmp: Qmp) => Promise<T>): Promise<T> {
  const child = spawn(argv[0], [...argv.slice(1), '-S', '-qmp', `unix:${sock},server=on,wait=off`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((res) => child.once('exit', res));
  try {
    let s: net.Socket | undefined;
    for (let i = 0; i < 200 && !s; i++) {
      if (child.exitCode !== null) throw new Error(`QEMU exited: ${stderr}`);
      s = await new Promise<net.Socket | undefined>((res) => {
        const c = net.connect(sock, () => res(c));
        c.once('error', () => setTimeout(() => res(undefined), 50));
      });
    }
    if (!s) throw new Error(`no QMP socket: ${stderr}`);
    const sock2 = s;
    let buf = '';
    const waiting: ((o: Record<string, unknown>) => void)[] = [];
    sock2.on('data', (d) => {
      buf += d;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const o = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if ('return' in o || 'error' in o) waiting.shift()?.(o);
      }
    });
    await new Promise((res) => sock2.once('data', res));
    const qmp: Qmp = async (cmd, args) => {
      const p = new Promise<Record<string, unknown>>((res) => waiting.push(res));
      sock2.write(`${JSON.stringify({ execute: cmd, ...(args ? { arguments: args } : {}) })}\n`);
      const r = await p;
      if ('error' in r) throw new Error(`${cmd}: ${JSON.stringify(r.error)}`);
      return r.return;
    };
    await qmp('qmp_capabilities');
    const out = await fn(qmp);
    await qmp('quit').catch(() => undefined);
    sock2.destroy();
    return out;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  }
}

test('QEMU starts both command lines; the IGD stand-in is where the mode puts it', {
  skip:
    (spawnSync('qemu-system-x86_64', ['--version']).status !== 0 ||
      !fs.existsSync('/usr/share/OVMF/OVMF_VARS_4M.fd')) &&
    !process.env.CI &&
    'qemu-system-x86 or ovmf not installed',
}, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-igd-qmp-'));
  try {
    let n = 0;
    for (const name of NAMES) {
      const r = render(name);
      // Changes for this machine: accel=tcg and -cpu max (no /dev/kvm); the vfio-pci IGD replaced
      // by a stand-in pci-testdev with the same id, bus and addr (vfio-pci needs the real IGD bound
      // to vfio-pci, and x-igd-opregion goes with it: that property is checked against QEMU's
      // vfio-pci in igd-doctor-vm.test.ts); disks and the OVMF variable store pointed at temporary
      // files; SPICE on port 0.
      const argv: string[] = [];
      for (let i = 0; i < r.qemu.length; i++) {
        const [opt, v] = [r.qemu[i], r.qemu[i + 1]];
        let nv: string | undefined;
        if (opt === '-machine') nv = v.replace('accel=kvm', 'accel=tcg');
        else if (opt === '-cpu') nv = 'max';
        else if (opt === '-device' && v.startsWith('vfio-pci,'))
          nv = ['pci-testdev', ...v.split(',').filter((p) => /^(id|bus|addr)=/.test(p))].join(',');
        else if (opt === '-drive' && v.startsWith('if=pflash') && v.includes('unit=1')) {
          fs.copyFileSync('/usr/share/OVMF/OVMF_VARS_4M.fd', path.join(dir, `${name}-VARS.fd`));
          nv = v.replace(/file=[^,]+/, `file=${path.join(dir, `${name}-VARS.fd`)}`);
        } else if (opt === '-drive' && v.startsWith('file=')) {
          fs.writeFileSync(path.join(dir, `${name}.img`), Buffer.alloc(1024 * 1024));
          nv = v
            .replace(/file=[^,]+/, `file=${path.join(dir, `${name}.img`)}`)
            .replace('format=qcow2', 'format=raw');
        } else if (opt === '-spice') nv = v.replace(/port=\d+/, 'port=0');
        if (nv === undefined) argv.push(opt);
        else {
          argv.push(opt, nv);
          i++;
        }
      }
      const where = await withQmp(argv, path.join(dir, `${name}.qmp`), async (qmp) => {
        const p = '/machine/peripheral/hostdev0';
        const bus = String(await qmp('qom-get', { path: p, property: 'parent_bus' }));
        const devfn = Number(await qmp('qom-get', { path: p, property: 'addr' }));
        const pci = (await qmp('query-pci')) as {
          devices: { slot: number; function: number; qdev_id: string }[];
        }[];
        return { bus: bus.split('/').at(-1), slot: devfn >> 3, fn: devfn & 7, root: pci[0].devices };
      });
      if (name === 'igd-legacy') {
        // QEMU's igd.c takes this device for legacy mode: 00:02.0 of the i440fx root bus ...
        assert.deepEqual([where.bus, where.slot, where.fn], ['pci.0', 2, 0]);
        // ... and 00:1f.0 free for the vfio-pci-igd-lpc-bridge it creates there.
        assert.equal(where.root.filter((d) => d.slot === 0x1f).length, 0);
      } else {
        assert.equal(where.bus, 'pci.1', 'behind a root port, not at 00:02.0 of the root bus');
        assert.ok(where.root.some((d) => d.slot === 2 && d.qdev_id === 'pci.1'));
      }
      n++;
    }
    assert.equal(n, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("doctor --vm SPEC judges the spec's IGD mode by the host's IGD checks", () => {
  // The Haswell fixture (gen 7): legacy mode's requirements all hold; UPT needs Broadwell (gen 8)
  // or newer per QEMU docs/igd-assign.txt ("only support this mode for Broadwell and newer").
  const verdicts: Record<string, string> = {};
  for (const name of NAMES) {
    const r = runCli([
      '--root',
      HASWELL,
      '--json',
      'doctor',
      '--vm',
      path.join(repoRoot, `test/fixtures/vm-spec/spec/${name}.yaml`),
    ]);
    const doc = JSON.parse(r.stdout);
    const c = doc.checks.filter((x: { id: string }) => x.id === 'igd.vm-mode');
    assert.equal(c.length, 1, name);
    verdicts[name] = c[0].verdict;
    assert.match(
      c[0].evidence[0],
      new RegExp(`${name}\\.yaml line ${name === 'igd-legacy' ? 11 : 8} asks for`),
    );
  }
  assert.deepEqual(verdicts, { 'igd-legacy': 'ok', 'igd-upt': 'fail' });
});

test("both modes' -device values use only properties QEMU's vfio-pci declares", (t) => {
  const r = spawnSync('qemu-system-x86_64', ['-device', 'vfio-pci,help'], { encoding: 'utf8' });
  if (r.status !== 0) {
    t.skip('no qemu-system-x86_64 here');
    return;
  }
  const props = new Set([...r.stdout.matchAll(/^\s+([a-z0-9-]+)=</gm)].map((m) => m[1]));
  let checked = 0;
  for (const name of NAMES) {
    for (const dev of render(name).qemu.filter((a) => a.startsWith('vfio-pci,'))) {
      for (const kv of dev.split(',').slice(1)) {
        const key = kv.split('=')[0];
        // id, bus and addr belong to every PCI device (qdev), not to vfio-pci's own list.
        if (key === 'id' || key === 'bus') continue;
        assert.ok(props.has(key), `QEMU's vfio-pci has no property ${key}`);
        checked++;
      }
    }
  }
  // legacy: host, addr; UPT: host, addr, x-igd-opregion.
  assert.equal(checked, 5);
});

/**
 * A minimal option ROM image for the Haswell IGD (8086:0416, the dump's): 55 AA, one 512-byte image, a PCI
 * data structure (PCI Firmware Specification 3.0, 5.1.2) with the given code type, last image.
 * Built here because no Intel VBIOS can be committed; the ROM toolkit's own tests use real ROMs.
 */
function igdRom(codeType: number): Uint8Array {
  const b = new Uint8Array(512);
  const dv = new DataView(b.buffer);
  b.set([0x55, 0xaa, 1]);
  dv.setUint16(0x18, 0x1c, true);
  b.set([0x50, 0x43, 0x49, 0x52], 0x1c); // "PCIR"
  dv.setUint16(0x1c + 4, 0x8086, true);
  dv.setUint16(0x1c + 6, 0x0416, true);
  dv.setUint16(0x1c + 0x0a, 0x18, true);
  b[0x1c + 0x0f] = 0x03; // class 03 (display)
  dv.setUint16(0x1c + 0x10, 1, true);
  b[0x1c + 0x14] = codeType;
  b[0x1c + 0x15] = 0x80; // last image
  return b;
}

test('legacy mode under SeaBIOS: the romfile must hold a VBIOS (x86 PC-AT image)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-igd-rom-'));
  try {
    const results: [number, number, string][] = [];
    for (const codeType of [0, 3]) {
      const rom = path.join(dir, `igd-${codeType}.rom`);
      fs.writeFileSync(rom, igdRom(codeType));
      const spec = path.join(dir, `legacy-${codeType}.yaml`);
      fs.writeFileSync(
        spec,
        specText('igd-legacy').replace('igd: legacy', `igd: legacy\n    romfile: ${rom}`),
      );
      const r = runCli(['--root', HASWELL, 'config', 'qemu', spec]);
      results.push([codeType, r.status ?? -1, r.status === 0 ? r.stdout : r.stderr]);
    }
    assert.equal(results.length, 2);
    assert.equal(results[0][1], 0, results[0][2]);
    assert.match(results[0][2], /romfile=\S+igd-0\.rom/);
    assert.notEqual(results[1][1], 0);
    assert.match(results[1][2], /no x86 PC-AT image \(PCIR code type 0\)/);
    assert.equal(
      results[1][2]
        .trim()
        .split('\n')
        .filter((l) => !l.includes('warning:')).length,
      1,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
