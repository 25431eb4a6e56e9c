// The text edits setup makes: unified diffs that GNU patch applies (patch is the oracle), kernel
// command line edits in /etc/default/grub and /etc/kernel/cmdline, the initramfs module lists,
// and the choice between binding by ID and by address.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { unifiedDiff } from '../../src/actions/unified-diff.js';
import { readPciDevices } from '../../src/host/pci-sysfs.js';
import { editGrubDefault, editPlainCmdline, type WantedParam } from '../../src/persist/cmdline-edit.js';
import { editMkinitcpio, initramfsToolsModules } from '../../src/persist/setup-files.js';
import {
  aliasModules,
  chooseBinding,
  fnmatchToRegex,
  parsePciAliases,
  vfioModules,
} from '../../src/persist/setup-plan.js';
import { buildFixture } from '../helpers/fixture-builder.js';
import { MODULES_ALIAS, modalias, twinGpuPci } from '../helpers/setup-host.js';

const hasPatch = spawnSync('sh', ['-c', 'command -v patch'], { stdio: 'ignore' }).status === 0;

test('unified diff: the format diff -u prints for a one-line change (hand-written)', () => {
  const a = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n';
  const b = 'one\ntwo\nthree\nfour\nFIVE\nsix\nseven\neight\n';
  assert.equal(
    unifiedDiff('/etc/x', a, b),
    '--- /etc/x\n+++ /etc/x\n@@ -2,7 +2,7 @@\n two\n three\n four\n-five\n+FIVE\n six\n seven\n eight\n',
  );
  assert.equal(unifiedDiff('/etc/x', undefined, 'a\n'), '--- /dev/null\n+++ /etc/x\n@@ -0,0 +1 @@\n+a\n');
  assert.equal(unifiedDiff('/etc/x', a, a), '');
});

test('unified diff: GNU patch turns the old text into the new one (random edits)', {
  skip: !hasPatch && 'patch is not installed',
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-diff-'));
  const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'GRUB_X="1"', '', '# c', 'quiet splash'), {
    maxLength: 30,
  });
  let runs = 0;
  try {
    fc.assert(
      fc.property(lines, lines, fc.boolean(), fc.boolean(), (a, b, eolA, eolB) => {
        const ta = a.join('\n') + (a.length && eolA ? '\n' : '');
        const tb = b.join('\n') + (b.length && eolB ? '\n' : '');
        const d = unifiedDiff('f', ta, tb);
        if (ta === tb) return d === '';
        const f = path.join(dir, 'f');
        fs.writeFileSync(f, ta);
        fs.writeFileSync(path.join(dir, 'p'), d);
        const r = spawnSync('patch', ['-s', '-u', f, path.join(dir, 'p')], { encoding: 'utf8' });
        runs++;
        assert.equal(r.status, 0, `${r.stdout}${r.stderr}\n${d}`);
        assert.equal(fs.readFileSync(f, 'utf8'), tb, d);
        return true;
      }),
      { numRuns: 150, seed: 12 },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(runs > 100, `patch ran ${runs} times`);
});

const W = (word: string, policy: WantedParam['policy']): WantedParam => ({ word, policy, why: '' });

test('kernel command line: values replaced in place, options merged, the user’s iommu= kept', () => {
  const e = editPlainCmdline(
    'root=/dev/sda1 ro intel_iommu=igfx_off vfio_pci.ids=1234:5678 iommu=soft quiet\n',
    [
      W('intel_iommu=on', 'option'),
      W('iommu=pt', 'keep'),
      W('vfio-pci.ids=10de:1b80', 'set'),
      W('video=efifb:off', 'word'),
    ],
  );
  assert.equal(
    e.text,
    'root=/dev/sda1 ro intel_iommu=on,igfx_off vfio-pci.ids=10de:1b80 iommu=soft quiet video=efifb:off\n',
  );
  assert.deepEqual(e.notes, ['iommu=soft kept as it is (vfiokit would set iommu=pt)']);
  // intel_iommu=off is turned on, not joined ("off,on" would still be off).
  assert.equal(editPlainCmdline('intel_iommu=off', [W('intel_iommu=on', 'option')]).text, 'intel_iommu=on');
});

test('/etc/default/grub: quoting kept, no variable → one added, shell expansion refused', () => {
  const wanted = [W('iommu=pt', 'keep')];
  assert.equal(
    editGrubDefault("GRUB_CMDLINE_LINUX_DEFAULT='quiet splash'\n", wanted).text,
    "GRUB_CMDLINE_LINUX_DEFAULT='quiet splash iommu=pt'\n",
  );
  assert.equal(
    editGrubDefault('GRUB_TIMEOUT=5\n', wanted).text,
    'GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX_DEFAULT="iommu=pt"\n',
  );
  // The last assignment is the one grub-mkconfig sees.
  assert.equal(
    editGrubDefault('GRUB_CMDLINE_LINUX_DEFAULT="a"\nGRUB_CMDLINE_LINUX_DEFAULT="b"\n', wanted).text,
    'GRUB_CMDLINE_LINUX_DEFAULT="a"\nGRUB_CMDLINE_LINUX_DEFAULT="b iommu=pt"\n',
  );
  assert.throws(() => editGrubDefault('GRUB_CMDLINE_LINUX_DEFAULT="$EXTRA quiet"\n', wanted), /cannot edit/);
});

test('initramfs module lists: appended once, mkinitcpio arrays (also multi-line) get the vfio modules first', () => {
  const mods = ['vfio', 'vfio_iommu_type1', 'vfio_pci'];
  const once = initramfsToolsModules('# list\nvfio-pci\n', mods);
  assert.equal(
    once,
    '# list\nvfio-pci\n# vfiokit setup: load vfio-pci early (vfiokit setup --undo removes these lines)\nvfio\nvfio_iommu_type1\n',
  );
  assert.equal(initramfsToolsModules(once, mods), once);
  const mk = editMkinitcpio('MODULES=(\n  nvidia\n)\nFILES=()\nHOOKS=(base udev modconf)\n', mods, ['/x.sh']);
  assert.equal(
    mk.text,
    'MODULES=(vfio vfio_iommu_type1 vfio_pci nvidia)\nFILES=(/x.sh)\nHOOKS=(base udev modconf)\n',
  );
  assert.deepEqual(mk.notes, []);
  assert.match(editMkinitcpio('MODULES=""\nHOOKS="base udev"\n', mods, []).notes[0], /no modconf/);
});

test('vfio_virqfd only for kernels before 6.2 (folded into vfio in 6.2)', () => {
  assert.deepEqual(vfioModules(['6.1.0-18-amd64']).modules, [
    'vfio',
    'vfio_iommu_type1',
    'vfio_pci',
    'vfio_virqfd',
  ]);
  assert.deepEqual(vfioModules(['6.2.0-1-generic', '6.8.12-4-pve']).modules, [
    'vfio',
    'vfio_iommu_type1',
    'vfio_pci',
  ]);
  assert.deepEqual(vfioModules(['5.15.0-91-generic', '6.5.0']).modules.at(-1), 'vfio_virqfd');
});

test('binding: IDs when unique, subsystem IDs when they tell twins apart, else by address', () => {
  for (const [subs, want] of [
    [
      [
        [0x1458, 0x3702],
        [0x1458, 0x3702],
      ],
      { ids: [], overrides: ['0000:02:00.0', '0000:02:00.1'] },
    ],
    [
      [
        [0x1458, 0x3702],
        [0x1043, 0x8598],
      ],
      { ids: ['10de:1b80:1043:8598', '10de:10f0:1043:8598'], overrides: [] },
    ],
  ] as const) {
    const fx = buildFixture(twinGpuPci(subs as unknown as [[number, number], [number, number]]));
    try {
      const all = readPciDevices(fx.root);
      const chosen = all.filter((d) => d.address.startsWith('0000:02:00.'));
      assert.equal(chosen.length, 2);
      const b = chooseBinding(all, chosen);
      assert.deepEqual({ ids: b.ids, overrides: b.overrides }, want);
    } finally {
      fx.cleanup();
    }
  }
});

test('modules.alias: the modules udev would load for a device, by kmod’s fnmatch rules', () => {
  const aliases = parsePciAliases(MODULES_ALIAS);
  assert.equal(aliases.length, 4);
  assert.deepEqual(aliasModules(aliases, modalias(0x10de, 0x1b80, 0x1458, 0x3702, 0x030000)), ['nouveau']);
  assert.deepEqual(aliasModules(aliases, modalias(0x10de, 0x10f0, 0x1458, 0x3702, 0x040300)), [
    'snd_hda_intel',
  ]);
  assert.deepEqual(aliasModules(aliases, modalias(0x8086, 0x10d3, 0x8086, 0x0000, 0x020000)), ['e1000e']);
  // An Nvidia USB controller (class 0c03) is neither nouveau's nor snd_hda_intel's.
  assert.deepEqual(aliasModules(aliases, modalias(0x10de, 0x1ad6, 0x1458, 0x3702, 0x0c0330)), []);
});

test('fnmatch patterns: sets, negated sets, an unclosed [ taken literally', () => {
  const m = (glob: string, s: string) => new RegExp(`^${fnmatchToRegex(glob)}$`).test(s);
  assert.equal(m('pci:v*d0000[0-9]1', 'pci:v1d000051'), true);
  assert.equal(m('pci:v*d0000[!0-9]1', 'pci:v1d000051'), false);
  assert.equal(m('a[b', 'a[b'), true);
  assert.equal(m('a.c', 'abc'), false);
});
