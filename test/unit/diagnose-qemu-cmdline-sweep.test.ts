// QEMU command lines naming something that is not there (qemu-cmdline-sweep.ts). The oracle is the
// QEMU on this machine (Debian's qemu-system-x86, which CI installs for the lab): each message is
// what it prints for a command line made to fail one way. An object type is checked with a name no
// QEMU has, so the test does not depend on the release; what a type's absence means by release
// (iommufd 8.2, sev-snp-guest 9.1) is checked on lines built from the format.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { QEMU_CMDLINE_ENTRIES } from '../../src/readiness/diagnose/catalogue/qemu-cmdline-sweep.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

/** The first line QEMU prints on standard error for `args` (it stops before starting a guest). */
function qemuSays(args: string[]): string {
  const r = spawnSync(
    'qemu-system-x86_64',
    ['-nodefaults', '-display', 'none', '-S', '-machine', 'q35', '-m', '64', ...args],
    { encoding: 'utf8', timeout: 20_000, input: '' },
  );
  assert.equal(r.error, undefined, 'qemu-system-x86_64 could not be run');
  const line = r.stderr.split('\n').find((l) => l.trim() !== '');
  assert.ok(line, `QEMU printed nothing for ${args.join(' ')} (status ${r.status})`);
  return line;
}

const only = (line: string, id: string) => onlyFinding(line, id).explanation;

test('every entry of the sweep is registered, cites its source and claims its examples alone', () => {
  assert.equal(checkSweepEntries(QEMU_CMDLINE_ENTRIES, ['qemu.']), 3);
});

test('an object type QEMU does not have; iommufd and SEV-SNP named with the release that brought them', () => {
  const line = qemuSays(['-object', 'vfiokit-no-such-type,id=x']);
  const e = only(line, 'qemu.object-type-unknown');
  assert.match(e.fix, /-object help/);
  assert.match(
    only(
      "qemu-system-x86_64: -object iommufd,id=iommufd0: Parameter 'qom-type' does not accept value 'iommufd'",
      'qemu.object-type-unknown',
    ).cause,
    /QEMU 8\.2/,
  );
  assert.match(
    only(
      "qemu-system-x86_64: -object sev-snp-guest,id=sev0: Parameter 'qom-type' does not accept value 'sev-snp-guest'",
      'qemu.object-type-unknown',
    ).cause,
    /QEMU 9\.1/,
  );
});

test("ivshmem's memdev naming no memory backend: the Looking Glass backend to add", () => {
  const line = qemuSays([
    '-object',
    'memory-backend-ram,id=mem0,size=64M',
    '-device',
    'ivshmem-plain,memdev=looking-glass',
  ]);
  const e = only(line, 'qemu.device-link-missing');
  assert.match(e.fix, /memory-backend-file,id=looking-glass,share=on/);
});

test('a chardev or netdev id that no backend defines', () => {
  const chr = qemuSays(['-device', 'virtio-serial', '-device', 'virtserialport,chardev=spice0']);
  assert.match(only(chr, 'qemu.property-value-not-found').cause, /no -chardev defines/);
  const net = qemuSays(['-netdev', 'user,id=n0', '-device', 'e1000,netdev=n1']);
  assert.match(only(net, 'qemu.property-value-not-found').cause, /-netdev/);
});
