// `vfiokit setup` on a fixture /etc tree per boot loader and initramfs generator. The expected
// files in test/fixtures/setup/CASE/expected/ were written by hand from each tool's documentation
// (grub-mkconfig's GRUB_CMDLINE_LINUX[_DEFAULT], kernel-install's /etc/kernel/cmdline, Proxmox's
// /etc/kernel/cmdline + proxmox-boot-tool refresh, kernelstub --add-options, grubby --args,
// initramfs-tools' modules file, dracut.conf(5) force_drivers, mkinitcpio.conf MODULES), not
// produced by the code under test. Commands run through a test double that records them: under a
// root other than "/" nothing may run on this machine.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyPlan, readJournal } from '../../src/actions/apply.js';
import { setupJson } from '../../src/cli/commands/setup.js';
import { type CommandRunner, DirHostWriter } from '../../src/host/host-writer.js';
import { planSetup, planUndo } from '../../src/persist/setup-plan.js';
import type { TargetSpec } from '../../src/persist/setup-targets.js';
import type { HostSpec } from '../helpers/fixture-builder.js';
import type { HostFilesSpec } from '../helpers/host-fixture.js';
import { assertValidJson } from '../helpers/json-schema.js';
import {
  buildSetupHost,
  desktopPci,
  kernelFacts,
  SETUP_FIXTURES,
  skipRunState,
  treeHashes,
  twinGpuPci,
} from '../helpers/setup-host.js';

export interface GoldenCase {
  name: string;
  facts: HostFilesSpec;
  targets: TargetSpec;
  pci?: HostSpec;
  /** Commands --undo runs besides the regeneration ones (tools that own the command line). */
  undoCommands?: string[][];
}

const IDS = 'vfio-pci.ids=10de:1b80,10de:10f0';
const one = (a: string): TargetSpec => ({ items: [a], groups: [], gpu: false });

export const CASES: GoldenCase[] = [
  { name: 'debian-grub', facts: kernelFacts('6.1.0-18-amd64'), targets: one('0000:01:00.0') },
  {
    name: 'fedora-grub2-mkconfig',
    facts: kernelFacts('6.8.5-301.fc40.x86_64'),
    targets: one('0000:01:00.0'),
  },
  {
    name: 'arch-systemd-boot',
    facts: kernelFacts('6.6.10-arch1-1', {
      kernelConfig: { CONFIG_INTEL_IOMMU: 'y', CONFIG_INTEL_IOMMU_DEFAULT_ON: 'y' },
    }),
    targets: one('0000:01:00.0'),
  },
  {
    name: 'proxmox',
    facts: kernelFacts('6.8.12-4-pve', { cpu: { vendor: 'amd' } }),
    targets: one('10de:1b80'),
  },
  {
    name: 'popos-kernelstub',
    facts: kernelFacts('6.9.3-76060903-generic'),
    targets: one('0000:01:00.0'),
    undoCommands: [['kernelstub', '--delete-options', `intel_iommu=on iommu=pt ${IDS}`]],
  },
  {
    name: 'fedora-grubby',
    facts: kernelFacts('6.8.5-301.fc40.x86_64'),
    targets: { items: [], groups: [], gpu: true },
    undoCommands: [['grubby', '--update-kernel=ALL', `--remove-args=intel_iommu=on iommu=pt ${IDS}`]],
  },
  {
    name: 'twin-gpus',
    facts: kernelFacts('6.1.0-18-amd64'),
    pci: twinGpuPci([
      [0x1458, 0x3702],
      [0x1458, 0x3702],
    ]),
    targets: one('0000:02:00.0'),
  },
];

/**
 * A test double for the commands: records each one; nothing runs on this machine. For the two
 * tools that own the command line it also does what the tool does to its own files, as their
 * documentation describes (grubby --args/--remove-args on the BLS entries' options line,
 * kernelstub --add-options/--delete-options on the user kernel_options list), so a second run can
 * see the change. Other commands (update-grub, update-initramfs...) change nothing in the tree.
 */
export function recorder(dir?: string): { runner: CommandRunner; ran: string[][] } {
  const ran: string[][] = [];
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  return {
    ran,
    runner: async (argv) => {
      ran.push([...argv]);
      if (dir && argv[0] === 'grubby') {
        const add = argv.find((a) => a.startsWith('--args='))?.slice(7);
        const del = argv.find((a) => a.startsWith('--remove-args='))?.slice(14);
        const entries = path.join(dir, 'boot/loader/entries');
        for (const f of fs.readdirSync(entries)) {
          const p = path.join(entries, f);
          const t = fs.readFileSync(p, 'utf8').replace(/^options (.*)$/m, (_l, o: string) => {
            let ws = words(o);
            if (del) ws = ws.filter((w) => !words(del).includes(w));
            if (add) ws = [...ws, ...words(add).filter((w) => !ws.includes(w))];
            return `options ${ws.join(' ')}`;
          });
          fs.writeFileSync(p, t);
        }
      }
      if (dir && argv[0] === 'kernelstub') {
        const p = path.join(dir, 'etc/kernelstub/configuration');
        const v = JSON.parse(fs.readFileSync(p, 'utf8'));
        let ws: string[] = v.user.kernel_options;
        if (argv[1] === '--add-options') ws = [...ws, ...words(argv[2]).filter((w) => !ws.includes(w))];
        if (argv[1] === '--delete-options') ws = ws.filter((w) => !words(argv[2]).includes(w));
        v.user.kernel_options = ws;
        fs.writeFileSync(p, `${JSON.stringify(v, null, 4)}\n`);
      }
      return { ran: true, status: 0, stdout: '', stderr: '', note: 'test double: recorded, not run' };
    },
  };
}

function expectedFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (path.relative(dir, p) !== 'commands.json') out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

for (const c of CASES) {
  test(`setup golden: ${c.name}: the files and commands the documentation gives, a no-op second run, a byte-exact undo`, async () => {
    const h = buildSetupHost(c.name, c.facts, c.pci ?? desktopPci);
    try {
      const before = treeHashes(h.dir, skipRunState);
      const exp = path.join(SETUP_FIXTURES, c.name, 'expected');
      const rec = recorder(h.dir);
      const w = new DirHostWriter(h.dir, rec.runner);

      const plan = planSetup(h.root, c.targets);
      const r = await applyPlan(w, plan.plan, { command: 'test setup' });
      assert.equal(r.ok, true, r.error?.message);
      assert.deepEqual(rec.ran, JSON.parse(fs.readFileSync(path.join(exp, 'commands.json'), 'utf8')));

      const files = expectedFiles(exp);
      assert.ok(files.length >= 2, `only ${files.length} expected files`);
      for (const f of files) {
        assert.equal(
          fs.readFileSync(path.join(h.dir, f), 'utf8'),
          fs.readFileSync(path.join(exp, f), 'utf8'),
          `${c.name}: ${f}`,
        );
      }
      // Scripts must be executable: modprobe runs the override script with /bin/sh, but
      // initramfs-tools runs hooks directly.
      for (const f of files.filter((x) => x.endsWith('.sh') || x.includes('/hooks/')))
        assert.equal(fs.statSync(path.join(h.dir, f)).mode & 0o777, 0o755, f);
      // Nothing else changed but the record, the directories new files went into and the files
      // the tool double rewrote.
      const after = treeHashes(h.dir, skipRunState);
      const toolFiles = (k: string) =>
        k.startsWith('boot/loader/entries/') || k === 'etc/kernelstub/configuration';
      const changed = Object.keys(after).filter(
        (k) => after[k] !== before[k] && !after[k].startsWith('dir') && !toolFiles(k),
      );
      assert.deepEqual(changed.sort(), [...files, 'var/lib/vfiokit/setup.json'].sort());
      assert.equal(readJournal(w)?.state, 'closed');
      // The plan as `setup --json` prints it, the record and the journal: each its published schema.
      assertValidJson(setupJson(h.root.name, plan, true, r), 'vfiokit.setup/1');
      assertValidJson(
        JSON.parse(fs.readFileSync(path.join(h.dir, 'var/lib/vfiokit/setup.json'), 'utf8')),
        'vfiokit.setup-record/1',
      );
      assertValidJson(readJournal(w), 'vfiokit.journal/1');

      // A second run plans nothing.
      const again = planSetup(h.root, c.targets);
      assert.deepEqual(
        again.plan.steps.map((s) =>
          s.kind === 'command' ? s.argv.join(' ') : s.kind === 'verify' ? s.what : s.path,
        ),
        [],
        'second run',
      );

      // --undo gives back every file byte for byte, mode included, and removes what it created.
      const undoRec = recorder(h.dir);
      const u = await applyPlan(new DirHostWriter(h.dir, undoRec.runner), planUndo(h.root).plan, {
        command: 'test undo',
      });
      assert.equal(u.ok, true, u.error?.message);
      assert.deepEqual(treeHashes(h.dir, skipRunState), before);
      const regen = rec.ran.filter((a) => !['grubby', 'kernelstub'].includes(a[0]));
      assert.deepEqual(undoRec.ran, [...(c.undoCommands ?? []), ...regen]);
    } finally {
      h.cleanup();
    }
  });
}
