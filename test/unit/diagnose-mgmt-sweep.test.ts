// The management layers above QEMU/libvirt in their own words (catalogue/mgmt-sweep.ts): OpenStack
// Nova and the Neutron SR-IOV agent, Proxmox VE's qemu-server, Incus/LXD and KubeVirt's device
// plugins. Each entry's examples are claimed by it alone and yield the facts they name; the facts
// change the explanation the way the producing source behaves: Nova's device states
// (nova/objects/pci_device.py: allocated/claimed, unavailable/unclaimable for PF/VF relatives,
// removed, available), the alias validation of nova/pci/request.py, the filter that emptied the
// host list (nova/filters.py), the vnic_type a Neutron port binds with (ML2 managers.py), the
// driver Incus waited for after a probe (internal/server/device/pci/pci.go) and the device-plugin
// resource a pod waits for (kubernetes fit.go, with vmm-mgmt.ts's mgmt.k8s-insufficient-device).
// Lines that end in a sysfs write error stay the sysfs entries' (sysfs-bind.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MGMT_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/mgmt-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding, refined } from '../helpers/diagnose-entry.js';

const PREFIXES = ['nova.', 'neutron.', 'pve.', 'incus.', 'kubevirt.'];

test('the management-layer entries are in the catalogue, cited, safe, and each example is theirs alone', () => {
  assert.ok(MGMT_SWEEP_ENTRIES.length >= 25, `${MGMT_SWEEP_ENTRIES.length} entries`);
  const checked = checkSweepEntries(MGMT_SWEEP_ENTRIES, PREFIXES, (e, ex, f) => {
    const facts: Record<string, string> = { ...f.facts, ...f.values };
    if (f.device) facts.bdf = f.device;
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(facts[k], v, `${e.id}: ${k} of\n${ex.text}`);
  });
  assert.equal(checked, MGMT_SWEEP_ENTRIES.length);
});

test('Nova claims: the PCI claim, its NUMA sibling and the vGPU allocation are told apart', () => {
  const pci = onlyFinding(
    'Build of instance 5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11 aborted: Insufficient compute resources: Claim pci failed.',
    'nova.pci-claim-failed',
  );
  assert.equal(pci.values.how, 'aborted');
  assert.match(pci.explanation.cause, /did not reschedule/);
  const numa = diagnoseText(
    'Insufficient compute resources: Requested instance NUMA topology together with requested PCI devices cannot fit the given host NUMA topology.',
  ).findings.map((f) => f.entry.id);
  assert.deepEqual(numa, ['nova.pci-numa-claim-failed']);
  // Without PCI devices the same check is not about passthrough.
  assert.deepEqual(
    diagnoseText(
      'Insufficient compute resources: Requested instance NUMA topology cannot fit the given host NUMA topology.',
    ).findings.filter((f) => f.entry.id.startsWith('nova.')),
    [],
  );
  const vgpu = onlyFinding(
    'Insufficient compute resources: mdev-capable resource is not available.',
    'nova.vgpu-unavailable',
  );
  assert.equal(vgpu.values.kind, 'mdev-capable');
  assert.match(
    refined(
      'nova.vgpu-unavailable',
      "pGPU device name h_pci_0000_84_00_0 can't be guessed from the ProviderTree roots h2",
    )?.cause ?? '',
    /renamed/,
  );
});

test('Nova PCI requests: a Neutron port has no alias, a flavor names one', () => {
  const port = refined(
    'nova.pci-request-failed',
    "PCI device request [InstancePCIRequest(alias_name=None,count=1,spec=[{physical_network='physnet2'}])] failed",
  );
  assert.match(port?.cause ?? '', /Neutron SR-IOV port/);
  const alias = refined(
    'nova.pci-request-failed',
    "PCI device request [InstancePCIRequest(alias_name='gpu',count=1,spec=[{vendor_id='10de'}])] failed",
  );
  assert.match(alias?.cause ?? '', /alias gpu/);
});

test('Nova [pci]alias: the reason after the colon decides the fix', () => {
  const cases: [string, RegExp][] = [
    ["NUMA policy mismatch for alias 'gpu'", /same numa_policy/],
    ["Device type mismatch for alias 'gpu'", /same device_type/],
    [
      "Additional properties are not allowed ('device_id' was unexpected)",
      /"product_id" \(not "device_id"\)/,
    ],
    ["'type-GPU' is not one of ['type-PCI', 'type-PF', 'type-VF']", /type-PCI, type-PF or type-VF/],
    ['Expecting property name enclosed in double quotes: line 1 column 2 (char 1)', /one JSON object/],
    ['The PCI alias(es) gpu does not have vendor_id and product_id fields set.', /four hex digits/],
  ];
  for (const [reason, said] of cases) {
    const r = refined('nova.pci-alias-invalid', `Invalid PCI alias definition: ${reason}`);
    assert.match(`${r?.cause} ${r?.fix}`, said, reason);
  }
});

test('Nova device states: who holds the device is read from its state', () => {
  const held = refined(
    'nova.pci-device-invalid-status',
    "PCI device 3:0000:81:00.1 is claimed instead of ['available']",
  );
  assert.match(held?.cause ?? '', /race|leaked/);
  const relative = refined(
    'nova.pci-device-invalid-status',
    "PCI device 3:0000:81:00.0 is unavailable instead of ['available']",
  );
  assert.match(relative?.cause ?? '', /SR-IOV relative/);
  const free = refined(
    'nova.pci-device-invalid-status',
    "PCI device 3:0000:81:10.1 is available instead of ['claimed', 'allocated']",
  );
  assert.equal(free?.severity, 'warning');
  // The audit's warning quotes the state error: it is that entry's line alone.
  const audit = diagnoseText(
    "Unable to remove device with claimed ownership 5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11 because of PCI device 1:0000:81:10.2 is claimed instead of ['available']. Check your [pci]passthrough_whitelist configuration to make sure this allocated device is whitelisted.",
  ).findings.map((f) => f.entry.id);
  assert.deepEqual(audit, ['nova.pci-remove-allocated']);
  const vf = onlyFinding(
    "Physical Function 1:0000:81:00.0, related to VF 1:0000:81:10.4 is allocated instead of ['available']",
    'nova.pci-pf-vf-conflict',
  );
  assert.equal(vf.device, '0000:81:00.0');
  assert.match(vf.explanation.title, /VF was asked for while its PF is given away/);
  const db = onlyFinding('PCI Device 4:0000:3b:02.1 not found.', 'nova.pci-device-not-found');
  assert.match(db.explanation.cause, /database/);
  const sysfs = onlyFinding('PCI device 0000:3b:02.1 not found', 'nova.pci-device-not-found');
  assert.match(sysfs.explanation.cause, /sriov_numvfs/);
});

test('Nova config: a malformed device_spec address and a devname are different mistakes', () => {
  assert.match(
    refined(
      'nova.pci-device-spec-invalid',
      "Invalid [pci]device_spec config: property bus ('1ff') is greater than the maximum allowable value (FF).",
    )?.cause ?? '',
    /address in a \[pci\]device_spec entry is malformed/,
  );
  assert.match(
    refined(
      'nova.pci-device-spec-invalid',
      "Invalid [pci]device_spec configuration. PCI Placement reporting does not support 'devname' based device specification but we got {'devname': 'eth0'}.",
    )?.cause ?? '',
    /Placement does not support/,
  );
  assert.equal(
    onlyFinding('PCI alias big-gpu is not defined', 'nova.pci-alias-not-defined').values.alias,
    'big-gpu',
  );
});

test('Nova scheduler: the filter that emptied the host list is the PCI filter, with its host count', () => {
  const f = onlyFinding(
    "Filtering removed all hosts for the request with instance ID '5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11'. Filter results: ['ComputeFilter: (start: 5, end: 5)', 'PciPassthroughFilter: (start: 5, end: 0)']",
    'nova.pci-filter-no-hosts',
  );
  assert.match(f.explanation.cause, /^5 host/);
  // Another filter emptying the list is not about PCI.
  assert.deepEqual(
    diagnoseText(
      "Filtering removed all hosts for the request with instance ID '5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11'. Filter results: ['ComputeFilter: (start: 1, end: 0)']",
    ).findings.map((x) => x.entry.id),
    [],
  );
});

test('Neutron SR-IOV: the vnic_type, the agent step and the VF count change the explanation', () => {
  const phys = onlyFinding(
    "Failed to bind port 3f2e1d0c-9b8a-4765-8432-10fedcba9876 on host c1 for vnic_type direct-physical using segments [{'network_type': 'vlan'}]",
    'neutron.bind-port-failed',
  );
  assert.match(phys.explanation.cause, /whole PF/);
  // A normal port is not on the SR-IOV path.
  assert.deepEqual(
    diagnoseText(
      "Failed to bind port 3f2e1d0c-9b8a-4765-8432-10fedcba9876 on host c1 for vnic_type normal using segments [{'network_type': 'vxlan'}]",
    ).findings.map((x) => x.entry.id),
    [],
  );
  const unsupported = onlyFinding(
    'Device fa:16:3e:44:55:66 does not support state change',
    'neutron.sriov-set-state-failed',
  );
  assert.equal(unsupported.explanation.severity, 'warning');
  const spoof = onlyFinding(
    'Failed to set spoofcheck for device fa:16:3e:44:55:66',
    'neutron.sriov-set-state-failed',
  );
  assert.match(spoof.explanation.cause, /port_security_enabled/);
  const zero = onlyFinding('Device ens1f1 has 0 VFs configured', 'neutron.sriov-vfs-not-ready');
  assert.equal(zero.explanation.severity, 'info');
  const old = onlyFinding(
    'Invalid Device p1p1: Device has no virtual functions',
    'neutron.sriov-pf-not-found',
  );
  assert.match(old.explanation.fix, /sriov_numvfs/);
  const parse = onlyFinding(
    'Failed on Agent configuration parse. Agent terminated!',
    'neutron.sriov-mapping-missing',
  );
  assert.match(parse.explanation.cause, /PHYSNET:IFNAME/);
});

test('Proxmox: a migration is refused for hostpci devices, not for other local ones', () => {
  const f = onlyFinding(
    "can't migrate VM which uses local devices: usb0, hostpci1",
    'pve.migrate-local-devices',
  );
  assert.equal(f.values.devices, 'usb0, hostpci1');
  assert.deepEqual(
    diagnoseText("can't migrate VM which uses local devices: usb0, usb1").findings.map((x) => x.entry.id),
    [],
  );
});

test('Incus/LXD: where the probe wait ended, what the OVN search lacked, and which mdev step failed', () => {
  const back = onlyFinding(
    'Device took too long to activate at "/sys/bus/pci/drivers/amdgpu/0000:03:00.0"',
    'incus.vfio-bind-timeout',
  );
  assert.match(back.explanation.title, /return to its host driver/);
  const ovn = onlyFinding('No free virtual function and representor port found', 'incus.sriov-no-free-vf');
  assert.match(ovn.explanation.cause, /switchdev/);
  // The wrapped sysfs write errors are the sysfs entries' lines (mgmt-sweep.ts MGMT_SWEEP_LEFT_OUT).
  assert.deepEqual(
    diagnoseText(
      'Error: Failed to start device "gpu0": Failed to override IOMMU group driver: Failed probing device "0000:01:00.0" via "/sys/bus/pci/drivers_probe": write /sys/bus/pci/drivers_probe: invalid argument',
    ).findings.map((f) => f.entry.id),
    ['sysfs.drivers-probe-failed'],
  );
  const type = onlyFinding('The requested profile "nvidia-999" does not exist', 'incus.mdev-profile');
  assert.match(type.explanation.cause, /offers the type nvidia-999/);
  const many = onlyFinding('VMs cannot match multiple GPUs per device', 'incus.gpu-not-detected');
  assert.match(many.explanation.fix, /pci=ADDRESS/);
});

test('Kubernetes: the device-plugin resource a pod waits for names the missing piece (mgmt.k8s-insufficient-device)', () => {
  const cases: [string, RegExp][] = [
    ['devices.kubevirt.io/kvm', /\/dev\/kvm/],
    ['devices.kubevirt.io/vhost-net', /vhost_net/],
    ['nvidia.com/gpu', /container device plugin/],
    ['nvidia.com/GA102GL_A10', /permitted host devices/],
  ];
  for (const [resource, cause] of cases) {
    // The entry is vmm-mgmt.ts's; this sweep taught it KubeVirt's own resources and nvidia.com/gpu.
    const f = onlyFinding(
      `0/2 nodes are available: 2 Insufficient ${resource}.`,
      'mgmt.k8s-insufficient-device',
    );
    assert.equal(f.values.resource, resource);
    assert.match(f.explanation.cause, cause, resource);
  }
  // CPU and memory are not device-plugin resources.
  assert.deepEqual(
    diagnoseText('0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory.').findings.map(
      (x) => x.entry.id,
    ),
    [],
  );
  const back = onlyFinding('monitored device nvidia.com/GA102GL_A10 appeared', 'kubevirt.device-disappeared');
  assert.equal(back.explanation.severity, 'info');
});
