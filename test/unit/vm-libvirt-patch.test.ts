// `config libvirt --patch`: what the spec needs is added to an existing domain (a `virsh dumpxml`
// of a Windows guest with comments, a metadata namespace and double-quoted attributes), and every
// line of the original stays byte for byte (GNU diff, the oracle, reports additions only). The
// patched domain is defined by libvirt's parser, and patching it again changes nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { patchLibvirtDomain } from '../../src/vm/patch-libvirt.js';
import { parseVmSpec } from '../../src/vm/spec/parse-spec.js';
import { repoRoot } from '../helpers/cli.js';
import { GOLDEN_DIR, modelFor, specText } from '../helpers/vm-host.js';

const DOMAIN = path.join(repoRoot, 'test/fixtures/vm-spec/dumpxml-win10.xml');
const haveVirsh = spawnSync('virsh', ['--version']).status === 0;

function patched(specName: string, domainFile = DOMAIN) {
  const model = modelFor(parseVmSpec(specText(specName), `${specName}.yaml`));
  const original = fs.readFileSync(domainFile, 'utf8');
  return { original, ...patchLibvirtDomain(original, domainFile, model) };
}

test('patching a dumpxml domain: golden output, additions only, libvirt accepts it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-patch-'));
  try {
    let n = 0;
    for (const spec of ['nvidia-legacy-free', 'looking-glass', 'vga-seabios', 'hugepages-1g-pinned']) {
      const r = patched(spec);
      const golden = path.join(GOLDEN_DIR, `patch-win10-${spec}.xml`);
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, r.xml);
      assert.equal(r.xml, fs.readFileSync(golden, 'utf8'), `${spec}: differs from the golden file`);
      const out = path.join(dir, `${spec}.xml`);
      fs.writeFileSync(out, r.xml);
      const diff = spawnSync('diff', [DOMAIN, out], { encoding: 'utf8' });
      assert.equal(diff.status, 1, `${spec}: the patch added something`);
      const changed = diff.stdout.split('\n').filter((l) => /^[<>]/.test(l));
      assert.ok(changed.length > 0);
      // The one line that may change: x-vga needs libvirt's QEMU namespace declared on <domain>,
      // and the patched line is then the original plus that attribute.
      const removed = changed.filter((l) => l.startsWith('<'));
      if (spec === 'vga-seabios') {
        assert.deepEqual(removed, ["< <domain type='kvm'>"]);
        assert.ok(
          changed.includes("> <domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"),
        );
      } else assert.deepEqual(removed, [], `${spec}: original lines changed or removed`);
      if (haveVirsh || process.env.CI) {
        const v = spawnSync('virsh', ['-c', 'test:///default', 'define', out], { encoding: 'utf8' });
        assert.equal(v.status, 0, `${spec}: ${v.stderr}`);
      }
      // Idempotent: a second patch finds everything in place.
      const again = patchLibvirtDomain(r.xml, out, modelFor(parseVmSpec(specText(spec), `${spec}.yaml`)));
      assert.equal(again.xml, r.xml, `${spec}: a second patch changed the domain`);
      n++;
    }
    assert.equal(n, 4);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the patch puts the GPU and its audio in one slot behind a new root port at a free root-bus slot', () => {
  const r = patched('nvidia-legacy-free');
  // The domain has root ports 1-4 at 00:02.0-3, QXL at 00:01.0, SATA at 00:1f.2: the new port is
  // index 5 at the first free slot, 00:03.0.
  assert.match(
    r.xml,
    /<controller type='pci' index='5' model='pcie-root-port'>[\s\S]*?<address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'\/>/,
  );
  assert.match(
    r.xml,
    /function='0x0'\/>\s*<\/source>\s*<address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0' multifunction='on'\/>/,
  );
  assert.match(
    r.xml,
    /function='0x1'\/>\s*<\/source>\s*<address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x1'\/>/,
  );
  // Hyper-V was there without vendor_id: only vendor_id is added; KVM hidden is added.
  assert.equal(r.xml.match(/<hyperv /g)?.length, 1);
  assert.match(
    r.xml,
    /<spinlocks state='on' retries='8191'\/>\n\s*<vendor_id state='on' value='0123456789ab'\/>\n\s*<\/hyperv>/,
  );
  assert.match(r.xml, /<kvm>\n\s*<hidden state='on'\/>\n\s*<\/kvm>/);
  assert.ok(r.notes.some((x) => /left as they are/.test(x)));
});

test('a self-closing element that gains children, and a domain without <devices>', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-patch-'));
  try {
    const file = path.join(dir, 'min.xml');
    fs.writeFileSync(
      file,
      "<domain type='kvm'>\n  <name>min</name>\n  <memory unit='GiB'>4</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <features/>\n</domain>\n",
    );
    const r = patched('nvidia-legacy-free', file);
    assert.match(
      r.xml,
      /<features>\n {4}<hyperv mode='custom'>[\s\S]*<\/hyperv>\n {4}<kvm>\n {6}<hidden state='on'\/>\n {4}<\/kvm>\n {2}<\/features>/,
    );
    assert.match(r.xml, /<devices>[\s\S]*<hostdev[\s\S]*<\/devices>\n<\/domain>\n$/);
    if (haveVirsh || process.env.CI) {
      fs.writeFileSync(file, r.xml);
      const v = spawnSync('virsh', ['-c', 'test:///default', 'define', file], { encoding: 'utf8' });
      assert.equal(v.status, 0, v.stderr);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged domain is one error line with its position', () => {
  const model = modelFor(parseVmSpec(specText('nvidia-legacy-free'), 'x.yaml'));
  assert.throws(
    () =>
      patchLibvirtDomain("<domain type='kvm'>\n  <name>x</name>\n  <devices>\n</domain>\n", 'd.xml', model),
    (e: Error) => {
      assert.match(e.message, /^d\.xml:\d+(:\d+)?: not well-formed XML: /);
      assert.ok(!e.message.includes('\n'));
      return true;
    },
  );
  assert.throws(
    () => patchLibvirtDomain('<network><name>x</name></network>', 'n.xml', model),
    /not a libvirt domain/,
  );
});
