// The files setup reads and edits, mutated (seeded, replayable): /etc/default/grub,
// /etc/kernel/cmdline, /etc/mkinitcpio.conf, /etc/initramfs-tools/modules, /etc/os-release,
// kernelstub's configuration, BLS entries, modules.alias and setup's own record. Every mutant
// gives a plan or a VfiokitError (one line for the user), never another exception; an edited
// command line still holds every word it had.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { VfiokitError } from '../../src/errors.js';
import {
  editGrubDefault,
  editPlainCmdline,
  splitCmdline,
  type WantedParam,
} from '../../src/persist/cmdline-edit.js';
import { editMkinitcpio, initramfsToolsModules } from '../../src/persist/setup-files.js';
import { parsePciAliases, planSetup, planUndo } from '../../src/persist/setup-plan.js';
import { mutateText, seededRandom } from '../helpers/mutate-text.js';
import { buildSetupHost, kernelFacts, MODULES_ALIAS, SETUP_FIXTURES } from '../helpers/setup-host.js';

const ALPHABET = '"\'=()$`\\ \n\t#*?[]:,{}-_0123456789abcdefABCDEF';
const WANTED: WantedParam[] = [
  { word: 'intel_iommu=on', policy: 'option', why: '' },
  { word: 'iommu=pt', policy: 'keep', why: '' },
  { word: 'vfio-pci.ids=10de:1b80', policy: 'set', why: '' },
  { word: 'video=efifb:off', policy: 'word', why: '' },
];

const sample = (c: string, f: string) => fs.readFileSync(path.join(SETUP_FIXTURES, c, 'root', f), 'utf8');

function onlyVfiokitErrors(fn: () => void, what: string): 'ok' | 'refused' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof VfiokitError, `${what}: ${(e as Error).stack}`);
    assert.ok(!e.message.includes('\n'), `${what}: a message of several lines`);
    return 'refused';
  }
}

test('text edits on mutated files: a result or a VfiokitError, and no word of the user lost', () => {
  const grub = [
    sample('debian-grub', 'etc/default/grub'),
    sample('fedora-grub2-mkconfig', 'etc/default/grub'),
  ];
  const mk = sample('arch-systemd-boot', 'etc/mkinitcpio.conf');
  const mods = sample('debian-grub', 'etc/initramfs-tools/modules');
  const cmd = sample('arch-systemd-boot', 'etc/kernel/cmdline');
  const pool = [...grub, mk, mods, cmd, MODULES_ALIAS];
  const rnd = seededRandom(1201);
  let ok = 0;
  for (let i = 0; i < 1500; i++) {
    const g = mutateText(grub[i % 2], rnd, pool, ALPHABET);
    if (onlyVfiokitErrors(() => editGrubDefault(g, WANTED), `grub #${i}`) === 'ok') ok++;
    const c = mutateText(cmd, rnd, pool, ALPHABET);
    const e = editPlainCmdline(c, WANTED);
    // Words are only ever added or have their value changed: the parameter names all stay.
    const names = (ws: string[]) => new Set(ws.map((w) => w.split('=')[0].replace(/-/g, '_')));
    for (const n of names(splitCmdline(c))) assert.ok(names(e.words).has(n), `cmdline #${i}: lost ${n}`);
    editMkinitcpio(mutateText(mk, rnd, pool, ALPHABET), ['vfio', 'vfio_pci'], ['/x']);
    const m = initramfsToolsModules(mutateText(mods, rnd, pool, ALPHABET), ['vfio', 'vfio_pci']);
    assert.equal(initramfsToolsModules(m, ['vfio', 'vfio_pci']), m, `modules #${i}: not idempotent`);
    parsePciAliases(mutateText(MODULES_ALIAS, rnd, pool, ALPHABET));
  }
  assert.ok(ok > 500, `only ${ok} of 1500 GRUB mutants were editable`);
});

test('setup and --undo on hosts with mutated boot files and records: a plan or a one-line error', () => {
  const cases: [string, string[]][] = [
    ['debian-grub', ['etc/default/grub', 'etc/os-release', 'etc/initramfs-tools/modules']],
    ['popos-kernelstub', ['etc/kernelstub/configuration']],
    ['fedora-grubby', ['boot/loader/entries/0f5e2c9d8b7a4e3f-6.8.5-301.fc40.x86_64.conf']],
    ['arch-systemd-boot', ['etc/mkinitcpio.conf', 'etc/kernel/cmdline']],
  ];
  const rnd = seededRandom(77);
  let plans = 0;
  let runs = 0;
  for (const [name, files] of cases) {
    const h = buildSetupHost(name, kernelFacts('6.6.10-arch1-1'));
    try {
      const originals = files.map((f) => fs.readFileSync(path.join(h.dir, f), 'utf8'));
      const pool = [...originals, MODULES_ALIAS];
      for (let i = 0; i < 40; i++) {
        for (const [k, f] of files.entries())
          fs.writeFileSync(path.join(h.dir, f), mutateText(originals[k], rnd, pool, ALPHABET));
        fs.writeFileSync(
          path.join(h.dir, 'lib/modules/6.6.10-arch1-1/modules.alias'),
          mutateText(MODULES_ALIAS, rnd, pool, ALPHABET),
        );
        runs++;
        if (
          onlyVfiokitErrors(
            () => planSetup(h.root, { items: ['0000:01:00.0'], groups: [], gpu: false }),
            `${name} #${i}`,
          ) === 'ok'
        )
          plans++;
      }
      // A damaged record.
      fs.mkdirSync(path.join(h.dir, 'var/lib/vfiokit'), { recursive: true });
      for (const bad of [
        '',
        '{',
        '{"schema":"vfiokit.setup-record/1"}',
        '[]',
        'null',
        '{"schema":"x","devices":[],"files":[]}',
      ]) {
        fs.writeFileSync(path.join(h.dir, 'var/lib/vfiokit/setup.json'), bad);
        assert.equal(
          onlyVfiokitErrors(() => planUndo(h.root), `record ${bad}`),
          'refused',
        );
      }
    } finally {
      h.cleanup();
    }
  }
  assert.equal(runs, 160);
  assert.ok(plans > 40, `only ${plans} of ${runs} mutated hosts gave a plan`);
});
