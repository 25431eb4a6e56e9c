// The VM spec parser: errors are one line that names the file, line, column and key; fuzzing
// (fast-check strings and seeded mutation of the sample specs) gives a spec or such an error,
// never a crash, a stack, a hang or a second line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { VfiokitError } from '../../src/errors.js';
import { parseVmSpec } from '../../src/vm/spec/parse-spec.js';
import { mutateText, seededRandom } from '../helpers/mutate-text.js';
import { SPEC_DIR } from '../helpers/vm-host.js';

const err = (text: string): string => {
  try {
    parseVmSpec(text, 'win11.yaml');
  } catch (e) {
    assert.ok(e instanceof VfiokitError, `not a VfiokitError: ${String(e)}`);
    assert.equal(e.exitCode, 2);
    return e.message;
  }
  assert.fail('no error');
};

test('errors name file:line:col and the key, as the issue asks', () => {
  const base = 'name: win11\ncpu:\n  cores: 4\n';
  assert.equal(err(`${base}memory: 16 gigs\n`), 'win11.yaml:4:9: memory: expected a size like 16G');
  assert.equal(err(`${base}memory: 16\n`), 'win11.yaml:4:9: memory: expected a size like 16G');
  assert.equal(
    err(`${base}memory: 16G\nhugepage: 1G\n`),
    'win11.yaml:5:1: hugepage: unknown key (known: name, machine, memory, hugepages, cpu, firmware, devices, hideHypervisor, hyperv, disks, network, display, input)',
  );
  assert.equal(err('name: win11\nmemory: 16G\n'), 'win11.yaml:1:1: cpu: required, missing');
  assert.equal(
    err(`${base}memory: 16G\nhugepages: 3M\n`),
    "win11.yaml:5:12: hugepages: expected '2M' or '1G'",
  );
  assert.equal(
    err(`${base}memory: 1500M\nhugepages: 1G\n`),
    'win11.yaml:4:9: memory: not a whole number of 1G hugepages',
  );
  assert.equal(
    err(`${base}memory: 16G\ndevices:\n  - address: 01:00.0\n    id: 10de:2484\n`),
    'win11.yaml:6:5: devices[0]: give exactly one of address, id, gpuOfGroup',
  );
  assert.equal(
    err(`${base}  pin:\n    vcpus: [2, 3]\nmemory: 16G\n`),
    'win11.yaml:5:12: cpu.pin.vcpus: lists 2 vCPUs, but sockets × cores × threads is 4: give one host CPU list per vCPU',
  );
  assert.match(
    err(`${base}memory: 16G\nmemory: 8G\n`),
    /^win11\.yaml:5:1: not valid YAML: Map keys must be unique/,
  );
  assert.match(err('- a\n- b\n'), /^win11\.yaml:1:1: \(top\): expected a mapping/);
  assert.equal(
    err(`${base}memory: 16G\nfirmware: {type: seabios, secureBoot: true}\n`),
    'win11.yaml:5:39: firmware.secureBoot: secure boot needs OVMF',
  );
});

test('the sample specs parse', () => {
  const files = fs.readdirSync(SPEC_DIR).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 7);
  for (const f of files) parseVmSpec(fs.readFileSync(path.join(SPEC_DIR, f), 'utf8'), f);
});

/** A spec or one clean error line: the property every input must have. */
function oneLineOrSpec(text: string): void {
  try {
    parseVmSpec(text, 'fuzz.yaml');
  } catch (e) {
    assert.ok(
      e instanceof VfiokitError,
      `crash: ${(e as Error)?.stack ?? String(e)}\ninput: ${JSON.stringify(text)}`,
    );
    assert.ok(!e.message.includes('\n'), `two lines: ${JSON.stringify(e.message)}`);
    assert.match(e.message, /^fuzz\.yaml(:\d+:\d+)?: /);
    assert.ok(e.message.length < 600, `overlong: ${e.message.length}`);
  }
}

test('fast-check: arbitrary text and arbitrary YAML values', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), oneLineOrSpec), { numRuns: 400, seed: 13 });

  fc.assert(
    fc.property(
      fc.record({
        name: fc.oneof(fc.string(), fc.constant('vm')),
        memory: fc.oneof(fc.string(), fc.constant('4G'), fc.integer()),
        cpu: fc.oneof(
          fc.anything(),
          fc.record({ cores: fc.integer({ min: -2, max: 2000 }), threads: fc.anything() }),
        ),
        devices: fc.anything(),
        display: fc.anything(),
      }),
      (o) => oneLineOrSpec(stringify(o)),
    ),
    { numRuns: 300, seed: 14 },
  );
});

test('seeded mutation of the sample specs', () => {
  const samples = fs.readdirSync(SPEC_DIR).map((f) => fs.readFileSync(path.join(SPEC_DIR, f), 'utf8'));
  const pool = samples.flatMap((s) => s.split('\n'));
  const rnd = seededRandom(1313);
  let errors = 0;
  let ok = 0;
  for (let i = 0; i < 1500; i++) {
    const text = mutateText(
      samples[rnd(samples.length)],
      rnd,
      pool,
      ':-[]{}"\'&*!|>%@`#,? \n\t0123456789GMx',
    );
    try {
      parseVmSpec(text, 'fuzz.yaml');
      ok++;
    } catch {
      errors++;
    }
    oneLineOrSpec(text);
  }
  // Both outcomes occur: the mutations reach the validator, not only the YAML parser.
  assert.ok(errors > 100 && ok > 10, `errors ${errors}, ok ${ok}`);
});

test('alias bombs are refused, not expanded', () => {
  const bomb = `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`;
  assert.match(err(bomb), /^win11\.yaml: not valid YAML: /);
});
