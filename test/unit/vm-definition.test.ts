// Reading VM definitions for `doctor --vm`: libvirt domain XML (fixtures validated against
// libvirt's own RelaxNG schema with virt-xml-validate) and QEMU launch scripts read without
// running them; errors as one line with file:line:col; fuzzing of both readers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { VfiokitError } from '../../src/errors.js';
import { openHostState } from '../../src/host/host-state.js';
import { DirHostRoot } from '../../src/host/root.js';
import { buildDoctorReport } from '../../src/readiness/doctor.js';
import { libvirtBytes, qemuBytes } from '../../src/vm/definition.js';
import { parseVmDefinition } from '../../src/vm/parse.js';
import { keyval } from '../../src/vm/qemu-argv.js';
import { shellCommands } from '../../src/vm/shell-words.js';
import { repoRoot } from '../helpers/cli.js';
import { mutateOnce, mutateText, seededRandom } from '../helpers/mutate-text.js';

const dir = path.join(repoRoot, 'test/fixtures/vm');
const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
const GiB = 1024 ** 3;

test('libvirt: a Windows 11 domain with OVMF, 1 GiB hugepages, a GPU + audio, a VF and hidden KVM', () => {
  const vm = parseVmDefinition(read('win11-ovmf.xml'), 'win11-ovmf.xml');
  assert.equal(vm.format, 'libvirt');
  assert.equal(vm.name, 'win11');
  assert.equal(vm.memoryBytes, 16 * GiB);
  assert.equal(vm.hugepages?.pageSizeBytes, GiB);
  assert.equal(vm.firmware.kind, 'ovmf');
  assert.match(vm.firmware.evidence, /<os firmware="efi"> at line 12/);
  assert.equal(vm.kvmHidden, true);
  assert.equal(vm.hypervVendorId, 'whatever123');
  // The USB hostdev is not a PCI device; the SR-IOV VF comes through <interface type='hostdev'>.
  assert.deepEqual(
    vm.devices.map((d) => [d.address, d.line, d.managed, d.romFile]),
    [
      ['0000:01:00.0', 38, true, '/var/lib/libvirt/vbios/gpu.rom'],
      ['0000:01:00.1', 45, true, undefined],
      ['0000:03:10.2', 57, true, undefined],
    ],
  );
  assert.deepEqual(vm.notes, []);
});

test("libvirt: the guide's <qemu:commandline> recipe (OVMF by -drive pflash, kvm=off), decimal addresses", () => {
  const vm = parseVmDefinition(read('guide-ovmf-commandline.xml'), 'g.xml');
  assert.equal(vm.memoryBytes, 4 * GiB);
  assert.equal(vm.firmware.kind, 'ovmf');
  assert.match(vm.firmware.evidence, /OVMF-pure-efi\.fd/);
  assert.equal(vm.kvmHidden, true);
  assert.equal(vm.hugepages, undefined);
  assert.deepEqual(
    vm.devices.map((d) => [d.address, d.managed]),
    [['0000:01:00.0', false]],
  );
});

test('libvirt: SeaBIOS by default, units, and what cannot be used is noted, not guessed', () => {
  const vm = parseVmDefinition(
    `<domain type='kvm'><name>x</name><memory>2097152</memory>
<devices><hostdev mode='subsystem' type='pci'><source><address bus='0x300' slot='0'/></source></hostdev></devices></domain>`,
    'x.xml',
  );
  assert.equal(vm.firmware.kind, 'seabios');
  assert.equal(vm.memoryBytes, 2 * GiB, 'KiB is the default unit');
  assert.equal(vm.devices[0].address, undefined);
  assert.match(
    vm.notes[0],
    /^line 2: <hostdev> has no usable PCI source address \(domain=\? bus=0x300 slot=0/,
  );
  assert.equal(libvirtBytes('16', 'GiB'), 16 * GiB);
  assert.equal(libvirtBytes('1', 'GB'), 1e9);
  assert.equal(libvirtBytes('512', 'bytes'), 512);
  assert.equal(libvirtBytes('1', 'furlongs'), undefined);
  assert.equal(libvirtBytes('-1', 'KiB'), undefined);
});

test('libvirt: malformed XML and foreign documents are one-line errors with file:line:col', () => {
  const cases: [string, RegExp][] = [
    [
      "<domain type='kvm'>\n  <name>x</name>\n  <devices><hostdev></devices>\n</domain>",
      /^vm\.xml:3:\d+: not well-formed XML: /,
    ],
    ['<domain>\n<memory unit=KiB>1</memory></domain>', /^vm\.xml:2:\d+: not well-formed XML: /],
    [
      '<network><name>default</name></network>',
      /^vm\.xml: the root element is <network>, not a libvirt <domain>/,
    ],
    ['<domain><name>&nbsp;</name></domain>', /^vm\.xml(:\d+)*: not well-formed XML: /],
  ];
  for (const [xml, re] of cases) {
    assert.throws(
      () => parseVmDefinition(xml, 'vm.xml'),
      (e: unknown) => e instanceof VfiokitError && re.test(e.message) && !e.message.includes('\n'),
      xml,
    );
  }
});

test('libvirt fixtures validate against the libvirt schema (virt-xml-validate)', (t) => {
  const have = spawnSync('sh', ['-c', 'command -v virt-xml-validate && command -v xmllint'], {
    stdio: 'ignore',
  });
  if (have.status !== 0) {
    // CI installs libvirt-clients and libxml2-utils; there a missing validator is a failure.
    assert.notEqual(process.env.CI, 'true', 'virt-xml-validate missing under CI');
    t.skip('virt-xml-validate (libvirt-clients) or xmllint (libxml2-utils) not installed');
    return;
  }
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.xml'))) {
    const r = spawnSync('virt-xml-validate', [path.join(dir, f), 'domain'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${f}: ${r.stdout}${r.stderr}`);
  }
});

test("QEMU: a launch script in the guide's style, read and never run", () => {
  const vm = parseVmDefinition(read('launch.sh'), 'launch.sh');
  assert.equal(vm.format, 'qemu');
  assert.equal(vm.memoryBytes, 8192 * 1024 ** 2, '-m without a suffix is MiB');
  assert.match(vm.hugepages?.evidence ?? '', /^-mem-path \/dev\/hugepages at line 11$/);
  assert.equal(vm.firmware.kind, 'ovmf');
  assert.equal(vm.kvmHidden, true);
  assert.equal(vm.hypervVendorId, 'nvidia43fix');
  assert.deepEqual(
    vm.devices.map((d) => [d.ref, d.address, d.line, d.xVga ?? false, d.romFile]),
    [
      ['$GPU', undefined, 16, true, undefined],
      ['0000:01:00.1', '0000:01:00.1', 17, false, undefined],
      ['0000:02:00.0', '0000:02:00.0', 18, false, '/roms/e1000e.rom'],
    ],
  );
  assert.equal(vm.notes.length, 1);
  assert.match(vm.notes[0], /^line 16: vfio-pci host=\$GPU is only known when the script runs/);
});

test('QEMU: option forms (size=, JSON -device, sysfsdev, memfd hugetlb, ,, escapes, -bios)', () => {
  const vm = parseVmDefinition(
    [
      'qemu-system-x86_64 -m size=16G,slots=2,maxmem=32G \\',
      '  -object memory-backend-memfd,id=mem,size=16G,hugetlb=on,hugetlbsize=1G \\',
      '  -bios /usr/share/ovmf/OVMF.fd -name guest=gamer,debug-threads=on \\',
      '  -device vfio-pci,sysfsdev=/sys/bus/pci/devices/10000:e1:00.0/,rombar=0 \\',
      "  --device 'vfio-pci,host=05:00.0,romfile=/roms/a,,b.rom'",
    ].join('\n'),
    'cmd',
  );
  assert.equal(vm.memoryBytes, 16 * GiB);
  assert.equal(vm.hugepages?.pageSizeBytes, GiB);
  assert.equal(vm.firmware.kind, 'ovmf');
  assert.equal(vm.name, 'gamer');
  assert.deepEqual(
    vm.devices.map((d) => [d.address, d.romBarOff ?? false, d.romFile]),
    [
      ['10000:e1:00.0', true, undefined],
      ['0000:05:00.0', false, '/roms/a,b.rom'],
    ],
  );
  assert.deepEqual(
    [...keyval('vfio-pci,host=01:00.0,x-vga', 'driver')],
    [
      ['driver', 'vfio-pci'],
      ['host', '01:00.0'],
      ['x-vga', 'on'],
    ],
  );
  assert.equal(qemuBytes('4096', 1024 ** 2), 4 * GiB);
  assert.equal(qemuBytes('2M', 1), 2 * 1024 ** 2);
  assert.equal(qemuBytes('lots', 1), undefined);
});

test('QEMU: shell words, quotes, comments, continuations and variable expansion as sh does', () => {
  const cmds = shellCommands(
    [
      "A='one two'",
      'B="$A three" # comment',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, not a template
      'run $A "$A" ${B} \'$A\' x\\ y "$(date)" `id` $UNSET',
      'echo a; echo b && echo c',
    ].join('\n'),
  );
  assert.deepEqual(
    cmds[0].map((w) => [w.text, w.unresolved]),
    [
      ['run', false],
      ['one', false],
      ['two', false],
      ['one two', false],
      ['one', false],
      ['two', false],
      ['three', false],
      ['$A', false],
      ['x y', false],
      ['$(date)', true],
      ['`id`', true],
      ['$UNSET', true],
    ],
  );
  assert.deepEqual(
    cmds.slice(1).map((c) => c.map((w) => w.text).join(' ')),
    ['echo a', 'echo b', 'echo c'],
  );
});

test('QEMU: no QEMU at all, a binary file, and a file of options only', () => {
  assert.throws(
    () => parseVmDefinition('echo hello\nls -l\n', 'x.sh'),
    /^UsageError: x\.sh: no qemu-system command and no QEMU options found$/,
  );
  assert.throws(() => parseVmDefinition('QFI\xfb\0\0\0\x03', 'disk.qcow2'), /disk\.qcow2 is a binary file/);
  const frag = parseVmDefinition('-m 4G\n-device vfio-pci,host=01:00.0\n', 'args.txt');
  assert.equal(frag.memoryBytes, 4 * GiB);
  assert.equal(frag.devices[0].address, '0000:01:00.0');
  assert.match(frag.notes[0], /no qemu-system command found/);
});

/** Only the project's own errors, and a definition whose numbers are sane. */
function tolerant(text: string) {
  try {
    const vm = parseVmDefinition(text, 'fuzz');
    if (vm.memoryBytes !== undefined) assert.ok(Number.isSafeInteger(vm.memoryBytes) && vm.memoryBytes > 0);
    for (const d of vm.devices) {
      assert.equal(typeof d.ref, 'string');
      assert.ok(Number.isInteger(d.line) && d.line >= 0);
      if (d.address) assert.match(d.address, /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-1][0-9a-f]\.[0-7]$/);
    }
  } catch (e) {
    if (!(e instanceof VfiokitError)) throw e;
    assert.ok(!e.message.includes('\n'), `multi-line error: ${e.message}`);
  }
}

test('fuzz: arbitrary text and XML-ish text never throw anything but a one-line VfiokitError', () => {
  const xmlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '<domain>',
          '</domain>',
          '<devices>',
          '</devices>',
          "<hostdev mode='subsystem' type='pci'>",
        ),
        fc.constantFrom(
          '</hostdev>',
          '<source>',
          '</source>',
          "<address domain='0x0' bus='0x1' slot='0x0' function='0x0'/>",
        ),
        fc.constantFrom(
          "<memory unit='G'>",
          '</memory>',
          '<os firmware="efi"/>',
          '<![CDATA[',
          ']]>',
          '<!--',
          '-->',
          '&amp;',
        ),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 40 },
    )
    .map((p) => p.join(''));
  const scriptish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'qemu-system-x86_64',
          ' -m ',
          ' -device ',
          'vfio-pci,host=',
          '01:00.0',
          ',,',
          ' \\\n',
          '"',
          "'",
        ),
        fc.constantFrom(
          '$',
          '${',
          '}',
          '$(',
          ')',
          '`',
          '#',
          ';',
          '&&',
          'A=',
          '\n',
          ' -object ',
          'memory-backend-memfd,hugetlb=on',
        ),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 40 },
    )
    .map((p) => p.join(''));
  fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), xmlish, scriptish), tolerant), {
    numRuns: 6000,
    seed: 0x7a11,
  });
});

test('fuzz: seeded mutations of the real samples (truncation, byte flips, splices, duplication)', () => {
  const samples = fs.readdirSync(dir).map(read);
  const rnd = seededRandom(0x5eed2026);
  const alphabet = `<>/='"&;$\`\\\n ,{}()-#0x${String.fromCharCode(0, 0xfeff, 0xd800)}`;
  let runs = 0;
  for (let i = 0; i < 6000; i++) {
    const t = mutateText(samples[rnd(samples.length)], rnd, samples, alphabet);
    tolerant(t);
    runs++;
  }
  assert.equal(runs, 6000);
});

test('QEMU: a script sh would refuse is a one-line error naming the line, not a VM without devices', () => {
  const vm = (body: string) =>
    `#!/bin/sh\n${body}\nexec qemu-system-x86_64 -m 4G -device vfio-pci,host=01:00.0\n`;
  for (const [body, re] of [
    [
      "GPU='0000:01:00.0",
      /^UsageError: x\.sh: line 2: a ' quote never closes \(sh refuses to run the script\)$/,
    ],
    ['A="x', /line 2: a " quote never closes/],
    ['A=$(lspci | grep VGA', /line 2: a \$\( command substitution never closes/],
    ['A=`lspci', /line 2: a ` command substitution never closes/],
    ['echo base=local(ime', /line 2: a "\(" after a word/],
    ["awk '{print $1}')", /line 2: a "\)" without its "\("/],
    ['echo hi >', /line 2: a ">" redirection without a target/],
  ] as const) {
    assert.throws(
      () => parseVmDefinition(vm(body), 'x.sh'),
      (e: unknown) => {
        assert.ok(e instanceof VfiokitError && !e.message.includes('\n'));
        assert.match(`${e.name}: ${e.message}`, re);
        return true;
      },
    );
  }
  // What sh accepts still reads: a function definition, a case statement, a subshell, redirections.
  const ok = parseVmDefinition(
    vm(
      'start() { :; }\ncase "$1" in\n  on) echo on ;;\n  *) echo off ;;\nesac\n(cd /tmp && ls) >/dev/null 2>&1 </dev/null',
    ),
    'x.sh',
  );
  assert.equal(ok.devices[0].address, '0000:01:00.0');
});

/**
 * Whether a mangled definition is damaged, by an oracle outside vfiokit: libvirt's own schema for
 * a domain (virt-xml-validate), the shell's own parser for a launch script (`sh -n`). Undefined
 * when there is no oracle (libvirt's log) or the validator is not installed.
 */
function damagedByOracle(file: string, text: string, scratch: string): boolean | undefined {
  const f = path.join(scratch, path.basename(file));
  fs.writeFileSync(f, text);
  let r: ReturnType<typeof spawnSync>;
  if (file.endsWith('.xml')) r = spawnSync('virt-xml-validate', [f, 'domain'], { stdio: 'ignore' });
  else if (file.endsWith('.sh')) r = spawnSync('sh', ['-n', f], { stdio: 'ignore' });
  else return undefined;
  if (r.error) {
    // CI installs libvirt-clients; there a missing validator is a failure, not a blind spot.
    assert.notEqual(process.env.CI, 'true', `no validator for ${file} under CI: ${r.error.message}`);
    return undefined;
  }
  return r.status !== 0;
}

test('fuzz: a VM definition damaged in one place never turns a doctor check ok', async (t) => {
  // The host: the lab desktop snapshot (Debian's kernel under QEMU). Intact, each definition gets
  // some checks that are not ok (a left-out audio function, a non-viable group, devices this host
  // lacks). One change to the definition that libvirt's schema or the shell rejects is damage: a
  // verdict it turns ok was drawn from the damaged part. A change the oracle accepts is another
  // plausible VM, which may rightly be judged differently.
  const host = new DirHostRoot(path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot'));
  const files = fs.readdirSync(dir).sort();
  assert.equal(files.length, 5);
  const verdicts = async (text: string, file: string) => {
    const report = await buildDoctorReport(openHostState(host), {
      vm: parseVmDefinition(text, file),
      readRoms: false,
    });
    return new Map(report.checks.map((c) => [`${c.id} ${c.device ?? ''}`, c.verdict]));
  };
  const intact = new Map<string, Map<string, string>>();
  for (const f of files) intact.set(f, await verdicts(read(f), f));
  assert.ok(
    files.every((f) => [...intact.get(f)!.values()].some((v) => v !== 'ok')),
    'every intact definition has a check that is not ok',
  );
  const samples = files.map(read);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-vmfuzz-'));
  const rnd = seededRandom(0x5eed2027);
  const alphabet = `<>/='"&;$\`\\\n ,{}()-#0x${String.fromCharCode(0, 0xfeff)}`;
  const RUNS = 200;
  const wrong: string[] = [];
  let upgrades = 0;
  let judged = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const f = files[rnd(files.length)];
      const text = mutateOnce(read(f), rnd, samples, alphabet);
      let now: Map<string, string>;
      try {
        now = await verdicts(text, f);
      } catch (e) {
        if (!(e instanceof VfiokitError)) throw e;
        assert.ok(!e.message.includes('\n'), `multi-line error: ${e.message}`);
        continue;
      }
      const became = [...now]
        .filter(([k, v]) => v === 'ok' && intact.get(f)!.get(k) !== 'ok')
        .map(([k]) => k);
      if (!became.length) continue;
      upgrades++;
      const damaged = damagedByOracle(f, text, scratch);
      if (damaged === undefined) continue;
      judged++;
      if (damaged)
        wrong.push(`${f} (run ${i}): ${became.join(', ')} became ok from a definition the oracle rejects`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  t.diagnostic(
    `${RUNS} single-change definitions: ${upgrades} turned a check ok, ${judged} of those judged by an oracle`,
  );
  assert.deepEqual(wrong, []);
});

test("QEMU: the command line from libvirt's own log (/var/log/libvirt/qemu/NAME.log), JSON options included", () => {
  const vm = parseVmDefinition(read('libvirt-qemu.log'), 'win11.log');
  assert.equal(vm.format, 'qemu');
  assert.equal(vm.name, 'win11');
  assert.equal(vm.memoryBytes, 16 * GiB, '-m size=16777216k');
  assert.match(vm.hugepages?.evidence ?? '', /memory-backend-file,mem-path=\/dev\/hugepages1G/);
  assert.equal(vm.firmware.kind, 'ovmf');
  assert.match(vm.firmware.evidence, /OVMF_CODE_4M\.ms\.fd/);
  assert.equal(vm.kvmHidden, true);
  assert.equal(vm.hypervVendorId, 'whatever123');
  assert.deepEqual(
    vm.devices.map((d) => [d.address, d.romFile]),
    [
      ['0000:01:00.0', '/var/lib/libvirt/vbios/gpu.rom'],
      ['0000:01:00.1', undefined],
    ],
  );
  assert.deepEqual(vm.notes, []);
});
