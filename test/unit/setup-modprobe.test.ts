// The modprobe.d file setup writes, read by the real modprobe (kmod): `--showconfig` parses it as
// the kernel's module loader will, and with a real Debian kernel's module tree (the lab's cached
// kernel package) `--dry-run --show-depends` shows vfio-pci loaded (or its install hook run)
// before the GPU and audio drivers. The oracle is kmod, not vfiokit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { planSetup } from '../../src/persist/setup-plan.js';
import { repoRoot } from '../helpers/cli.js';
import { buildSetupHost, kernelFacts, twinGpuPci } from '../helpers/setup-host.js';

const modprobe = ['/usr/sbin/modprobe', '/sbin/modprobe'].find((p) => fs.existsSync(p));

function confFor(caseName: string, target: string, twins: boolean): string {
  const h = buildSetupHost(
    caseName,
    kernelFacts('6.1.0-18-amd64'),
    twins
      ? twinGpuPci([
          [0x1458, 0x3702],
          [0x1458, 0x3702],
        ])
      : undefined,
  );
  try {
    const step = planSetup(h.root, { items: [target], groups: [], gpu: false }).plan.steps.find(
      (s) => s.kind === 'file' && s.path === '/etc/modprobe.d/vfiokit.conf',
    );
    assert.ok(step && step.kind === 'file' && step.after);
    return new TextDecoder().decode(step.after);
  } finally {
    h.cleanup();
  }
}

/** The unpacked lab kernel (lab/kernel.ts caches linux-image-*), if the lab has run here. */
function labKernel(): { base: string; release: string } | undefined {
  // Where lab/paths.ts keeps its cache (read here without creating it).
  const dir = path.resolve(process.env.VFIOKIT_LAB_CACHE || path.join(repoRoot, 'lab/cache'));
  if (!fs.existsSync(dir)) return undefined;
  for (const pkg of fs.readdirSync(dir).filter((d) => d.startsWith('linux-image-'))) {
    const mods = path.join(dir, pkg, 'lib/modules');
    if (!fs.existsSync(mods)) continue;
    const release = fs.readdirSync(mods)[0];
    if (release && fs.existsSync(path.join(mods, release, 'modules.dep.bin')))
      return { base: path.join(dir, pkg), release };
  }
  return undefined;
}

const CASES = [
  { name: 'by ID', caseName: 'debian-grub', target: '0000:01:00.0', twins: false },
  { name: 'by address (identical GPUs)', caseName: 'twin-gpus', target: '0000:02:00.0', twins: true },
];

for (const c of CASES) {
  test(`modprobe --showconfig reads setup's modprobe.d file (${c.name})`, {
    skip: !modprobe && 'kmod is not installed',
  }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-modprobe-'));
    try {
      const conf = confFor(c.caseName, c.target, c.twins);
      fs.writeFileSync(path.join(dir, 'vfiokit.conf'), conf);
      const r = spawnSync(modprobe!, ['-C', dir, '--showconfig'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      // kmod reports a line it cannot parse on stderr ("ignoring bad line"); there must be none.
      assert.doesNotMatch(r.stderr, /ignoring|bad line|unknown command/i);
      const shown = r.stdout.split('\n');
      const ours = conf.split('\n').filter((l) => l && !l.startsWith('#'));
      assert.ok(ours.length >= 4, ours.join('\n'));
      for (const line of ours) {
        // kmod prints module names with '_' in options/install lines.
        const expect = line
          .replace(/^options vfio-pci /, 'options vfio_pci ')
          .replace(/^install vfio-pci /, 'install vfio_pci ');
        assert.ok(shown.includes(expect), `modprobe does not show: ${expect}\n${r.stdout}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

const kernel = labKernel();
for (const c of CASES) {
  test(`modprobe --show-depends loads vfio-pci before nouveau and snd_hda_intel (${c.name}, real kernel modules)`, {
    skip:
      (!modprobe && 'kmod is not installed') ||
      (!kernel && 'no lab kernel in the lab cache (run `npm run lab` once, or set VFIOKIT_LAB_CACHE)'),
  }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-modprobe-'));
    try {
      fs.writeFileSync(path.join(dir, 'vfiokit.conf'), confFor(c.caseName, c.target, c.twins));
      for (const driver of ['nouveau', 'snd_hda_intel']) {
        const r = spawnSync(
          modprobe!,
          ['-d', kernel!.base, '-S', kernel!.release, '-C', dir, '--dry-run', '--show-depends', driver],
          { encoding: 'utf8' },
        );
        assert.equal(r.status, 0, r.stderr);
        const lines = r.stdout.split('\n');
        const own = lines.findIndex((l) => new RegExp(`/${driver.replace(/_/g, '[-_]')}\\.ko`).test(l));
        const vfio = c.twins
          ? lines.findIndex((l) =>
              l.startsWith('install /bin/sh /usr/local/lib/vfiokit/vfio-pci-override.sh'),
            )
          : lines.findIndex((l) => /\/vfio-pci\.ko(\.\w+)? ids=10de:1b80,10de:10f0/.test(l));
        assert.ok(own > 0, `${driver} not in:\n${r.stdout}`);
        assert.ok(vfio >= 0 && vfio < own, `vfio-pci does not come before ${driver}:\n${r.stdout}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
