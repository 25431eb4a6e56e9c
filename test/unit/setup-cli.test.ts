// `vfiokit setup` through the built CLI: the --json document against docs/setup.md's schema, the
// refusals (host-critical devices, an unknown boot chain, nothing to undo, contradicting options),
// and apply → verify → undo on a copy of the README's host.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot, runCli } from '../helpers/cli.js';
import { buildHost } from '../helpers/host-fixture.js';
import { desktopPci, kernelFacts, skipRunState, treeHashes } from '../helpers/setup-host.js';

const README_HOST = path.join(repoRoot, 'test/fixtures/setup/readme-host');

function copyHost(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-setup-cli-'));
  fs.cpSync(README_HOST, dir, { recursive: true, verbatimSymlinks: true });
  fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
  return dir;
}

const STEP_FILE_KEYS = ['kind', 'path', 'action', 'mode', 'why', 'diff'];
const STEP_CMD_KEYS = ['kind', 'argv', 'why', 'regenerates'];

test('setup --json: the vfiokit.setup/1 document of docs/setup.md', () => {
  const r = runCli(['--root', README_HOST, '--json', 'setup', '0000:01:00.0']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.schema, 'vfiokit.setup/1');
  assert.equal(j.root, README_HOST.replace(/\/$/, ''));
  assert.equal(j.mode, 'setup');
  assert.equal(j.applied, false);
  assert.equal(j.bootLoader.kind, 'grub');
  assert.equal(j.initramfs.kind, 'initramfs-tools');
  assert.deepEqual(
    j.devices.map((d: { address: string; bindBy: string }) => `${d.address} ${d.bindBy}`),
    ['0000:01:00.0 id', '0000:01:00.1 id'],
  );
  assert.deepEqual(j.ids, ['10de:1b80', '10de:10f0']);
  assert.deepEqual(
    j.cmdline.map((c: { word: string }) => c.word),
    ['intel_iommu=on', 'iommu=pt', 'vfio-pci.ids=10de:1b80,10de:10f0'],
  );
  assert.equal(j.steps.length, 6);
  for (const s of j.steps) {
    for (const k of s.kind === 'file' ? STEP_FILE_KEYS : STEP_CMD_KEYS)
      assert.ok(k in s, `${k} in ${JSON.stringify(s)}`);
    if (s.kind === 'file') assert.match(s.mode, /^0[0-7]{3}$/);
  }
  assert.equal(j.result, undefined);
  // The dry run wrote nothing.
  assert.equal(fs.existsSync(path.join(README_HOST, 'etc/modprobe.d/vfiokit.conf')), false);
});

test('setup refuses the boot GPU without --force; with --force the EFI framebuffer goes off', () => {
  const r = runCli(['--root', README_HOST, 'setup', '0000:00:02.0']);
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr,
    'vfiokit: refusing to bind at boot: 0000:00:02.0 is the boot GPU (host console) (hint: check that the host does not need it, then add --force)\n',
  );
  const f = runCli(['--root', README_HOST, '--json', 'setup', '0000:00:02.0', '--force']);
  assert.equal(f.status, 0, f.stderr);
  const j = JSON.parse(f.stdout);
  assert.ok(j.cmdline.some((c: { word: string }) => c.word === 'video=efifb:off'));
  assert.ok(j.notes.includes('--force: 0000:00:02.0 is the boot GPU (host console)'));
  // The NVMe controller and the NIC likewise.
  assert.equal(runCli(['--root', README_HOST, 'setup', '0000:02:00.0']).status, 1);
  assert.match(runCli(['--root', README_HOST, 'setup', '8086:10d3']).stderr, /is a network controller/);
});

test('setup: clear one-line errors for usage, an unknown boot chain and nothing to undo', () => {
  const usage = runCli(['--root', README_HOST, 'setup', '0000:01:00.0', '--verify', '--apply']);
  assert.equal(usage.status, 2);
  assert.equal(runCli(['--root', README_HOST, 'setup']).status, 2);
  assert.match(
    runCli(['--root', README_HOST, 'setup', '0000:09:00.0']).stderr,
    /^vfiokit: no PCI device 0000:09:00.0 \(hint/,
  );
  const undo = runCli(['--root', README_HOST, 'setup', '--undo']);
  assert.equal(undo.status, 1);
  assert.match(undo.stderr, /^vfiokit: nothing to undo: \/var\/lib\/vfiokit\/setup.json does not exist/);

  const bare = buildHost(kernelFacts('6.1.0-18-amd64'), desktopPci);
  try {
    const r = runCli(['--root', bare.dir, 'setup', '0000:01:00.0']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    assert.match(
      r.stderr,
      /cannot tell which boot loader this machine uses \(hint: looked for proxmox-boot-tool, \/etc\/kernelstub\/configuration, \/etc\/default\/grub, \/etc\/kernel\/cmdline with kernel-install/,
    );
  } finally {
    bare.cleanup();
  }
});

test('setup --apply, a second run, --verify, --undo --apply through the CLI', () => {
  const dir = copyHost();
  try {
    const before = treeHashes(dir, skipRunState);
    const a = runCli(['--root', dir, 'setup', '0000:01:00.0', '--apply']);
    assert.equal(a.status, 0, a.stderr);
    assert.match(a.stdout, /^would run: update-grub \(not run: the root is not \/\)$/m);
    assert.match(a.stdout, /^Done: 6 steps\. Reboot, then run: vfiokit setup --verify$/m);
    const again = runCli(['--root', dir, 'setup', '0000:01:00.0']);
    assert.match(again.stdout, /^Nothing to do: this host is already set up for these devices\.$/m);

    const v = runCli(['--root', dir, '--json', 'setup', '--verify']);
    assert.equal(v.status, 1, 'not rebooted: the parts are not in effect');
    const vj = JSON.parse(v.stdout);
    assert.equal(vj.schema, 'vfiokit.setup-verify/1');
    assert.deepEqual(vj.summary, { ok: 0, warn: 0, fail: 5, unknown: 1 });

    // An edit by hand after setup: --undo would lose it, so it asks for --force.
    const grub = path.join(dir, 'etc/default/grub');
    const edited = fs.readFileSync(grub, 'utf8').replace('GRUB_TIMEOUT=5', 'GRUB_TIMEOUT=2');
    fs.writeFileSync(grub, edited);
    const refused = runCli(['--root', dir, 'setup', '--undo', '--apply']);
    assert.equal(refused.status, 1);
    assert.match(
      refused.stderr,
      /^vfiokit: changed since vfiokit setup wrote it: \/etc\/default\/grub \(hint: /,
    );
    assert.equal(fs.readFileSync(grub, 'utf8'), edited, 'nothing changed');

    const u = runCli(['--root', dir, '--json', 'setup', '--undo', '--force', '--apply']);
    assert.equal(u.status, 0, u.stderr);
    const uj = JSON.parse(u.stdout);
    assert.equal(uj.mode, 'undo');
    assert.equal(uj.applied, true);
    assert.equal(uj.result.ok, true);
    assert.deepEqual(uj.notes, ['--force: the edits made to /etc/default/grub after setup are undone too']);
    assert.deepEqual(treeHashes(dir, skipRunState), before);
    const journal = JSON.parse(fs.readFileSync(path.join(dir, 'run/vfiokit/journal.json'), 'utf8'));
    assert.equal(journal.schema, 'vfiokit.journal/1');
    assert.equal(journal.state, 'closed');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
