// The PCI model on snapshots captured from real kernels in the lab (test/fixtures/lab-*):
// every device the kernel listed (truth.json, recorded in the guest independently of vfiokit)
// is read with the same IDs, class, driver and IOMMU group, and config space is complete.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readPciDevices } from '../../src/host/pci-sysfs.js';
import { DirHostRoot } from '../../src/host/root.js';

const base = path.join(import.meta.dirname, '../fixtures');
const labs = fs.existsSync(base)
  ? fs
      .readdirSync(base)
      .filter((n) => n.startsWith('lab-') && fs.existsSync(path.join(base, n, 'truth.json')))
  : [];

interface TruthDevice {
  bdf: string;
  vendor: string;
  device: string;
  class: string;
  driver: string | null;
  group: string | null;
}

test('lab snapshots: the model reads what the kernel reported', () => {
  // The four committed lab fixtures (desktop, legacy, noacs, server): none may be missing.
  assert.equal(labs.length, 4, `lab fixtures: ${labs.join(', ')}`);
  for (const name of labs) {
    const truth = JSON.parse(fs.readFileSync(path.join(base, name, 'truth.json'), 'utf8')) as {
      devices: TruthDevice[];
    };
    const devs = readPciDevices(new DirHostRoot(path.join(base, name, 'snapshot')));
    assert.deepEqual(
      devs.map((d) => d.address),
      truth.devices.map((t) => t.bdf).sort(),
      `${name}: device list`,
    );
    for (const t of truth.devices) {
      const d = devs.find((x) => x.address === t.bdf)!;
      const where = `${name} ${t.bdf}`;
      assert.equal(d.vendorId, parseInt(t.vendor, 16), `${where} vendor`);
      assert.equal(d.deviceId, parseInt(t.device, 16), `${where} device`);
      assert.equal(d.classCode, parseInt(t.class, 16), `${where} class`);
      assert.equal(d.driver ?? null, t.driver, `${where} driver`);
      assert.equal(d.iommuGroup === undefined ? null : String(d.iommuGroup), t.group, `${where} group`);
      assert.equal(d.config?.truncated, false, `${where}: captured as root`);
      assert.ok(d.capabilities.length > 0 || d.pcie === undefined, `${where} capabilities`);
      // The upstream chain ends at the parent bridge, whose secondary bus is this device's bus.
      const parent = d.upstream.at(-1);
      if (parent) {
        const p = devs.find((x) => x.address === parent);
        assert.equal(
          p?.bridge?.secondaryBus,
          d.addr.bus,
          `${where}: parent ${parent} routes bus ${d.addr.bus}`,
        );
      }
    }
  }
});
