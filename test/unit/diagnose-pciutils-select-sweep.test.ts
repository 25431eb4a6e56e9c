// lspci and setpci refusing a script's request (pciutils-select-sweep.ts). The oracle is the
// machine's own pciutils (CI installs it): each message is what lspci or setpci prints for a request
// made to fail one way. The capability case needs a PCI device to ask; every machine CI runs on has
// one, and the test names the device it used.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { PCIUTILS_SELECT_ENTRIES } from '../../src/readiness/diagnose/catalogue/pciutils-select-sweep.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

/** The first line a pciutils tool prints on standard error for `args`. */
function says(tool: 'lspci' | 'setpci', args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.error, undefined, `${tool} could not be run`);
  const line = r.stderr.split('\n').find((l) => l.trim() !== '');
  assert.ok(line, `${tool} ${args.join(' ')} printed nothing on standard error`);
  return line;
}

const only = (line: string, id: string) => onlyFinding(line, id).explanation;

test('every entry of the sweep is registered, cites its source and claims its examples alone', () => {
  assert.equal(checkSweepEntries(PCIUTILS_SELECT_ENTRIES, ['pciutils.']), 3);
});

test('a malformed address or ID, as lspci and setpci word it', () => {
  const lines = [
    says('lspci', ['-s', '01:00.9']),
    says('lspci', ['-s', '0000:01:00.0:']),
    says('setpci', ['-s', 'zz', 'COMMAND']),
  ];
  for (const line of lines) assert.match(only(line, 'pciutils.filter-invalid').cause, /malformed/);
  assert.match(only(says('lspci', ['-d', 'zz:1']), 'pciutils.filter-invalid').fix, /brackets/);
});

test('setpci selecting no device: nothing was written', () => {
  const line = says('setpci', ['-d', 'ffff:fffe', 'COMMAND']);
  const e = only(line, 'pciutils.setpci-no-devices');
  assert.match(e.cause, /did not happen/);
});

test('a capability the device does not have: Resizable BAR named', () => {
  const list = spawnSync('lspci', ['-D', '-n'], { encoding: 'utf8' }).stdout.trim().split('\n');
  const dev = list[0]?.split(' ')[0];
  assert.ok(dev, 'no PCI device on this machine to ask');
  // Extended capability 0x2f is not assigned to any device class that a build machine carries.
  const line = says('setpci', ['-s', dev, 'ECAP0x2f+4.l']);
  assert.match(only(line, 'pciutils.setpci-capability-missing').cause, /has no capability of that id/);
  assert.match(
    only(
      'setpci: 0000:03:00.1: Instance #0 of Extended capability 0015 not found - there are no capabilities with that id.',
      'pciutils.setpci-capability-missing',
    ).cause,
    /Resizable BAR/,
  );
});
