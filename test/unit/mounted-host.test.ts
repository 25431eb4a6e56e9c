// `--root DIR` reads only finished snapshots (with manifest.json), except a live host mounted under
// DIR: the kernel's own sysfs and procfs mounted on DIR/sys and DIR/proc (what a privileged
// container sees under /host). The oracle for the mounted case is the same command on "/".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { isMountedHost } from '../../src/host/root.js';
import { binPath, runCli } from '../helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-mounted-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a copied tree without a manifest is refused, and so is one whose sys is a link to /sys', () => {
  const copy = path.join(tmp, 'copy');
  fs.mkdirSync(path.join(copy, 'sys/bus/pci/devices'), { recursive: true });
  fs.mkdirSync(path.join(copy, 'proc'), { recursive: true });
  fs.writeFileSync(path.join(copy, 'proc/cmdline'), 'quiet\n');
  assert.equal(isMountedHost(copy), false);
  const r = runCli(['--root', copy, 'devices']);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /manifest/);

  const linked = path.join(tmp, 'linked');
  fs.mkdirSync(linked);
  fs.symlinkSync('/sys', path.join(linked, 'sys'));
  fs.symlinkSync('/proc', path.join(linked, 'proc'));
  assert.equal(isMountedHost(linked), false);
  assert.equal(runCli(['--root', linked, 'devices']).status, 3);
});

test('the host mounted under a directory (sysfs and procfs) reads as the host itself', (t) => {
  const dir = path.join(tmp, 'host');
  fs.mkdirSync(path.join(dir, 'sys'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'proc'), { recursive: true });
  // A private mount namespace, so the mounts vanish with the child.
  const script = `mount -t sysfs sysfs "$1/sys" && mount -t proc proc "$1/proc" && exec "$2" "$3" --root "$1" devices --json`;
  const r = spawnSync('unshare', ['--mount', 'sh', '-c', script, 'sh', dir, process.execPath, binPath], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error || (r.status !== 0 && /unshare|mount/.test(r.stderr))) {
    const why = `cannot mount sysfs/procfs in a private namespace here: ${r.error?.message ?? r.stderr.trim()}`;
    if (process.env.CI === 'true') assert.fail(why);
    t.skip(why);
    return;
  }
  assert.equal(r.status, 0, r.stderr);
  const mounted = JSON.parse(r.stdout) as { devices: { address: string }[] };
  const live = JSON.parse(runCli(['devices', '--json']).stdout) as { devices: { address: string }[] };
  assert.ok(live.devices.length > 0);
  assert.deepEqual(
    mounted.devices.map((d) => d.address),
    live.devices.map((d) => d.address),
  );
});
