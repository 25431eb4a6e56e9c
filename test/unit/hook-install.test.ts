// `vfiokit hook install` over fixture /etc trees: the hook is the golden file, next to an existing
// /etc/libvirt/hooks/qemu dispatcher that stays byte for byte as it was; a second run changes
// nothing; --undo gives the tree back byte for byte; a qemu.d/vfiokit that vfiokit did not write is
// never overwritten. The hook itself is run by the real /bin/sh with libvirt's arguments
// (DOMAIN OPERATION SUB-OPERATION EXTRA, https://libvirt.org/hooks.html) and a stand-in vfiokit
// that records how it was called.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyPlan } from '../../src/actions/apply.js';
import { domainHostdevs, HOOK_PATH, planHookInstall, planHookUndo } from '../../src/actions/libvirt-hook.js';
import { DirHostWriter } from '../../src/host/host-writer.js';
import { DirHostRoot } from '../../src/host/root.js';
import { repoRoot } from '../helpers/cli.js';

const GOLDEN = path.join(repoRoot, 'test/fixtures/hook/vfiokit.golden');
const DISPATCHER = `#!/bin/bash
# A per-domain dispatcher as many single-GPU guides install it.
GUEST_NAME="$1"; HOOK_NAME="$2"; STATE_NAME="$3"
HOOKPATH="$(dirname "$0")/qemu.d/$GUEST_NAME/$HOOK_NAME/$STATE_NAME"
[ -x "$HOOKPATH" ] && "$HOOKPATH" "$@"
exit 0
`;
const WIN11 = `<domain type='kvm'>
  <name>win11</name>
  <devices>
    <disk type='file' device='disk'><source file='/var/lib/libvirt/images/win11.qcow2'/></disk>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source>
    </hostdev>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source><address domain='0x0000' bus='0x01' slot='0x00' function='0x1'/></source>
    </hostdev>
  </devices>
</domain>
`;

/** A tree: /etc/libvirt/qemu with domains; optionally the dispatcher and a per-domain directory. */
function tree(opts: { dispatcher?: boolean } = {}): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-hook-'));
  fs.mkdirSync(path.join(d, 'etc/libvirt/qemu'), { recursive: true });
  fs.mkdirSync(path.join(d, 'etc/libvirt/hooks'), { recursive: true });
  fs.writeFileSync(path.join(d, 'etc/libvirt/qemu/win11.xml'), WIN11);
  fs.writeFileSync(
    path.join(d, 'etc/libvirt/qemu/linux.xml'),
    "<domain type='kvm'><name>linux</name><devices/></domain>\n",
  );
  if (opts.dispatcher) {
    fs.writeFileSync(path.join(d, 'etc/libvirt/hooks/qemu'), DISPATCHER, { mode: 0o755 });
    fs.mkdirSync(path.join(d, 'etc/libvirt/hooks/qemu.d/win10/prepare/begin'), { recursive: true });
    fs.writeFileSync(path.join(d, 'etc/libvirt/hooks/qemu.d/win10/prepare/begin/cpu.sh'), '#!/bin/sh\n', {
      mode: 0o755,
    });
  }
  return d;
}

/** Every file, directory and link below a tree with its mode and bytes (run/ and the lock aside). */
function listing(d: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(d, rel)).sort()) {
      const r = path.join(rel, e);
      if (r === 'run') continue;
      const st = fs.lstatSync(path.join(d, r));
      if (st.isDirectory()) {
        out.push(`d ${r} ${(st.mode & 0o7777).toString(8)}`);
        walk(r);
      } else
        out.push(
          `f ${r} ${(st.mode & 0o7777).toString(8)} ${fs.readFileSync(path.join(d, r)).toString('base64')}`,
        );
    }
  };
  walk('');
  return out;
}

const VFIOKIT = '/usr/local/bin/vfiokit';

async function run(d: string, p: { plan: { steps: unknown[] } }) {
  const r = await applyPlan(new DirHostWriter(d), p.plan as never, { command: 'test' });
  assert.equal(r.ok, true, r.error?.message);
}

test('install next to a dispatcher: the golden hook, the dispatcher untouched, a second run a no-op, --undo byte for byte', async () => {
  for (const dispatcher of [false, true]) {
    const d = tree({ dispatcher });
    try {
      const before = listing(d);
      const p = planHookInstall(new DirHostRoot(d), { gpu: '01:00.0', domains: [], vfiokit: VFIOKIT });
      assert.deepEqual(p.domains, [
        { name: 'win11', why: '/etc/libvirt/qemu/win11.xml passes 0000:01:00.0 through' },
      ]);
      assert.equal(
        p.notes[0].startsWith(dispatcher ? '/etc/libvirt/hooks/qemu exists' : 'no /etc/libvirt/hooks/qemu'),
        true,
      );
      await run(d, p);
      const hook = path.join(d, HOOK_PATH);
      assert.equal(fs.readFileSync(hook, 'utf8'), fs.readFileSync(GOLDEN, 'utf8'));
      assert.equal(fs.statSync(hook).mode & 0o7777, 0o755);
      if (dispatcher)
        assert.equal(fs.readFileSync(path.join(d, 'etc/libvirt/hooks/qemu'), 'utf8'), DISPATCHER);
      // Everything else is as it was.
      assert.deepEqual(
        listing(d).filter(
          (l) =>
            !l.includes('qemu.d/vfiokit') && !(l.startsWith('d etc/libvirt/hooks/qemu.d ') && !dispatcher),
        ),
        before,
      );
      assert.deepEqual(
        planHookInstall(new DirHostRoot(d), { gpu: '01:00.0', domains: [], vfiokit: VFIOKIT }).plan.steps,
        [],
      );
      await run(d, planHookUndo(new DirHostRoot(d)));
      assert.deepEqual(listing(d), before);
      assert.deepEqual(planHookUndo(new DirHostRoot(d)).plan.steps, []);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  }
});

test('a qemu.d/vfiokit vfiokit did not write is neither overwritten nor removed', () => {
  const d = tree();
  try {
    fs.mkdirSync(path.join(d, 'etc/libvirt/hooks/qemu.d'));
    fs.writeFileSync(path.join(d, HOOK_PATH), '#!/bin/sh\necho mine\n', { mode: 0o755 });
    assert.throws(
      () => planHookInstall(new DirHostRoot(d), { gpu: '01:00.0', domains: ['x'], vfiokit: VFIOKIT }),
      /was not written by vfiokit: not overwritten/,
    );
    assert.throws(() => planHookUndo(new DirHostRoot(d)), /not written by vfiokit: not removed/);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});

test('the hook under /bin/sh: handover at prepare begin and handback at release end, for the chosen domains only', async () => {
  const d = tree();
  try {
    const calls = path.join(d, 'calls');
    const fake = path.join(d, 'vfiokit');
    fs.writeFileSync(fake, `#!/bin/sh\necho "$*" >> '${calls}'\n`, { mode: 0o755 });
    const domains = ['win11', 'it\'s a "VM" $(x)', '*'];
    await run(d, planHookInstall(new DirHostRoot(d), { gpu: '0000:01:00.0', domains, vfiokit: fake }));
    const hook = path.join(d, HOOK_PATH);
    // libvirt writes the domain XML to the hook's stdin; a hook that exits without reading it
    // (every case but handover/handback) may close the pipe first: EPIPE on our side, as in
    // libvirt's, is not the hook's failure. Its exit status is.
    const call = (...args: string[]) => {
      const r = spawnSync('/bin/sh', [hook, ...args], { input: '<domain/>' });
      if (r.error && (r.error as NodeJS.ErrnoException).code !== 'EPIPE') throw r.error;
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    };
    const cases: [string[], string | undefined][] = [
      [['win11', 'prepare', 'begin', '-'], 'handover 0000:01:00.0'],
      [['win11', 'release', 'end', '-'], 'handback 0000:01:00.0'],
      [['win11', 'start', 'begin', '-'], undefined],
      [['win11', 'started', 'begin', '-'], undefined],
      [['win11', 'stopped', 'end', '-'], undefined],
      [['linux', 'prepare', 'begin', '-'], undefined],
      [['it\'s a "VM" $(x)', 'prepare', 'begin', '-'], 'handover 0000:01:00.0'],
      // '*' is a name, not a pattern: quoted, it matches only a domain called '*'.
      [['other', 'prepare', 'begin', '-'], undefined],
      [['*', 'release', 'end', '-'], 'handback 0000:01:00.0'],
    ];
    for (const [args, want] of cases) {
      fs.rmSync(calls, { force: true });
      call(...args);
      const got = fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim() : undefined;
      assert.equal(got, want, args.join(' '));
    }
    assert.equal(cases.length, 9);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});

test('domain XML: PCI hostdevs are read as libvirt writes them; anything else yields none', () => {
  assert.deepEqual(domainHostdevs(WIN11), { name: 'win11', addresses: ['0000:01:00.0', '0000:01:00.1'] });
  for (const bad of [
    '',
    '<',
    '<network/>',
    "<domain><devices><hostdev type='usb'/></devices></domain>",
    '\u0000',
  ])
    assert.deepEqual(domainHostdevs(bad).addresses, []);
});

test('domain names libvirt refuses, and a relative vfiokit path, are usage errors', () => {
  const d = tree();
  try {
    const root = new DirHostRoot(d);
    assert.throws(
      () => planHookInstall(root, { gpu: '01:00.0', domains: ['a/b'], vfiokit: VFIOKIT }),
      /not a libvirt domain name/,
    );
    assert.throws(
      () => planHookInstall(root, { gpu: '01:00.0', domains: ['a\nb'], vfiokit: VFIOKIT }),
      /not a libvirt domain name/,
    );
    assert.throws(
      () => planHookInstall(root, { gpu: '01:00.0', domains: ['a'], vfiokit: 'vfiokit' }),
      /absolute path/,
    );
    assert.throws(
      () => planHookInstall(root, { gpu: '02:00.0', domains: [], vfiokit: VFIOKIT }),
      /no domain .* has 0000:02:00\.0/,
    );
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});
