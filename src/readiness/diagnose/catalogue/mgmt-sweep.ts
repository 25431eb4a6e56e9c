/**
 * What the management layers above QEMU/libvirt say when they assign PCI devices: OpenStack Nova
 * (PCI claims, aliases, [pci]device_spec, the PciPassthroughFilter, PF/VF bookkeeping, vGPUs) and
 * the Neutron SR-IOV agent and ML2 binding; Proxmox VE's qemu-server beyond vmm-mgmt.ts; Incus and
 * LXD (GPU, PCI and SR-IOV NIC devices of VMs); and KubeVirt's device-plugin health watch. These
 * layers keep their own books of which device may go where, so their messages are mostly about the
 * books (a pool, an alias, a mapping, a reservation) disagreeing with the host. Where a layer only
 * wraps a sysfs write error (Incus's vfio-pci rebind, its mdev create), the line stays the sysfs
 * entries' (sysfs-bind.ts), which explain the errno; MGMT_SWEEP_LEFT_OUT says so per format.
 * Each entry cites the file and function that prints it; the examples are built from the format
 * strings (Python's %(name)s and Go's %q are rendered as those languages print them).
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, render } from './build.js';

const NOVA = 'openstack/nova';
const NEUTRON_SRIOV = 'openstack/neutron neutron/plugins/ml2/drivers/mech_sriov/agent';
const PVE_PCI = 'proxmox/qemu-server PVE/QemuServer/PCI.pm';
const INCUS = 'lxc/incus internal/server';
const LXD_TOO = 'canonical/lxd has the same text in lxd/';
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A PCI address that is not the entry's main device. */
const ADDR = '[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]';
/** A network interface name (IFNAMSIZ is 16 with the NUL). */
const IFNAME = '[\\w.:@-]{1,32}';
const MAC = '[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}';

/** Where Nova's PCI bookkeeping is read and fixed, said once. */
const NOVA_POOLS =
  'nova-compute logs its pools at every resource audit ("Final resource view: ... pci_stats=[PciDevicePool(count=N,numa_node=...,product_id=...,vendor_id=...,tags={dev_type=...,physical_network=...})]"): count is the free devices per pool';

/** The rule Nova applies between [pci]device_spec, [pci]alias and the flavor. */
const NOVA_MATCH =
  "a device is offered only if [pci]device_spec (passthrough_whitelist before Zed) on that compute lists it, and a flavor gets it only through a [pci]alias whose vendor_id, product_id and device_type (type-PCI for a plain device, type-PF / type-VF for SR-IOV functions) match it; a port of vnic_type direct/macvtap/direct-physical instead needs a device_spec tagged with the network's physical_network";

function refineAliasReason(f: Facts): Refinement | undefined {
  const r = f.reason ?? '';
  if (/NUMA policy mismatch/.test(r))
    return {
      cause: `two [pci]alias entries share a name but give different numa_policy values (${r}); entries of one name are ORed together and must agree on the policy`,
      fix: 'give every [pci]alias line of that name the same numa_policy (legacy, preferred, required or socket), or give them different names',
    };
  if (/Device type mismatch/.test(r))
    return {
      cause: `two [pci]alias entries share a name but give different device_type values (${r}); entries of one name must request the same kind of function`,
      fix: 'give every [pci]alias line of that name the same device_type (type-PCI, type-PF or type-VF), or split them into two aliases',
    };
  if (/does not have vendor_id and product_id/.test(r))
    return {
      cause: `an alias names no device: ${r}. Nova needs vendor_id and product_id in each alias (or, with [filter_scheduler]pci_in_placement, a resource_class)`,
      fix: 'add "vendor_id": "10de", "product_id": "1eb8" (four hex digits each, as lspci -nn shows them) to the alias, or a resource_class when PCI devices are tracked in Placement',
    };
  if (/multiple specs but \[filter_scheduler\]pci_in_placement/.test(r))
    return {
      cause: `with PCI devices tracked in Placement, an alias may hold only one spec; several [pci]alias lines share a name (${r})`,
      fix: 'keep one [pci]alias line per name and give the devices that should satisfy it the same resource_class in [pci]device_spec',
    };
  if (/Additional properties are not allowed/.test(r))
    return {
      cause: `the alias JSON has a key Nova does not know (${r}); allowed keys are name, vendor_id, product_id, device_type, numa_policy, resource_class, traits, live_migratable (and capability_type)`,
      fix: 'use "product_id" (not "device_id"), "vendor_id", "device_type" and "numa_policy" exactly; remove other keys',
    };
  if (/is not one of/.test(r))
    return {
      cause: `a value of the alias is not one Nova accepts (${r}): device_type must be type-PCI, type-PF or type-VF (type-vDPA cannot be used through an alias); numa_policy legacy, preferred, required or socket`,
      fix: 'correct the value in the [pci]alias line and restart nova-api and nova-compute',
    };
  if (/does not match/.test(r))
    return {
      cause: `vendor_id or product_id is not four hex digits (${r})`,
      fix: 'write the ids as lspci -nn prints them between brackets, without 0x: "vendor_id": "8086", "product_id": "154c"',
    };
  if (/Expecting|Extra data|Unterminated|delimiter/.test(r))
    return {
      cause: `the [pci]alias value is not valid JSON (${r}): typically single quotes inside the object, a missing comma, or an alias split over several lines without continuation`,
      fix: 'write each alias as one JSON object with double quotes inside and the whole value in single quotes: alias = \'{"name": "gpu", "vendor_id": "10de", "product_id": "1eb8", "device_type": "type-PCI"}\'',
    };
  return undefined;
}

function refineDeviceSpec(f: Facts): Refinement | undefined {
  const r = f.reason ?? '';
  if (
    /does not parse as a hex number|greater than the maximum allowable|incorrect format|Invalid PCI address|address/.test(
      r,
    ) &&
    !/devname/.test(r)
  )
    return {
      cause: `the address in a [pci]device_spec entry is malformed (${r}): each part is hexadecimal, the function is 0-7, the slot at most 1f, the bus at most ff, the domain at most ffff; "*" and regular expressions are allowed only in the documented forms`,
      fix: 'write the address as lspci -D shows it ("address": "0000:81:00.1") or as a glob ("address": "0000:81:*.*"), or use a dict form {"domain": ..., "bus": ..., "slot": ..., "function": ...} with regular expressions',
    };
  if (/devname/.test(r))
    return {
      cause: `a [pci]device_spec entry selects a device by its network interface name (devname), which ${/Placement/.test(r) ? 'PCI tracking in Placement does not support' : 'cannot be combined with an address in the same entry'}`,
      fix: 'select the device by PCI address (or vendor_id/product_id) instead of devname; interface names also change when a VF is given to a guest',
    };
  return undefined;
}

/** What each PCI device status of Nova's database means for the device named. */
function refineDeviceStatus(f: Facts): Refinement | undefined {
  const s = f.status;
  if (s === 'allocated' || s === 'claimed')
    return {
      cause: `Nova's database says this device is already ${s} to an instance, yet Nova tried to ${f.hope?.includes('available') ? 'claim it again' : 'change its state'}: two requests raced for the last free device, or an allocation leaked (an instance that failed to build, was evacuated or deleted while its host was down keeps its device on record)`,
      fix: 'find the owner (SELECT instance_uuid, status FROM pci_devices WHERE address=... AND compute_node_id=... in the nova cell database); delete or hard-reboot the instance in ERROR that holds it, or migrate it; then retry. A device used outside Nova (by a VM started with virsh) must be removed from [pci]device_spec',
    };
  if (s === 'unavailable' || s === 'unclaimable')
    return {
      cause: `the device is ${s} because its SR-IOV relative is in use: a PF becomes unavailable while any of its VFs is claimed, and VFs become unclaimable while their PF is given whole to an instance`,
      fix: 'do not offer both a PF (device_type type-PF) and its VFs to flavors that are used at the same time, or free the instance holding the relative',
    };
  if (s === 'removed' || s === 'deleted')
    return {
      cause: `the device was ${s} from Nova's records: the hypervisor no longer reports it, or it is no longer matched by [pci]device_spec`,
      fix: 'check that the device still exists (lspci; for VFs, sriov_numvfs after a reboot) and that [pci]device_spec still lists it, then restart nova-compute',
    };
  if (s === 'available')
    return {
      severity: 'warning',
      cause: `Nova tried to free or use as allocated a device its database has as available (expected ${f.hope ?? 'another state'}): the records were corrected behind this operation, typically after a failed migration, a revert or an evacuation`,
      fix: 'usually nothing; if it repeats for one instance, hard-reboot it so Nova rebuilds its PCI records, or use nova-manage placement heal_allocations on releases that track PCI in Placement',
    };
  return undefined;
}

/** The vnic_type of a Neutron port, and what binding it needs. */
function refineVnic(f: Facts): Refinement | undefined {
  const v = f.vnic;
  if (v === 'direct-physical')
    return {
      cause:
        "no mechanism driver could bind the port of vnic_type direct-physical (a whole PF given to the guest): the sriovnicswitch mechanism driver binds it, and the PF must be in [pci]device_spec of nova-compute tagged with the network's physical_network and device_type type-PF; the network must be flat or VLAN",
      fix: 'enable sriovnicswitch in [ml2] mechanism_drivers, tag the PF in nova\'s [pci]device_spec with "physical_network": "PHYSNET", and use a flat/VLAN network of that physnet',
    };
  if (v === 'remote-managed')
    return {
      cause:
        'a remote-managed port (a VF of a SmartNIC/DPU whose switch is programmed by OVN on the card) found no driver to bind it: it needs the OVN mechanism driver with an ovn-controller on the DPU registered for this host',
      fix: 'check the DPU\'s ovn-controller and its hostname mapping to this compute, and that nova\'s [pci]device_spec tags the VFs "remote_managed": "true"',
    };
  if (v === 'vdpa' || v === 'virtio-forwarder')
    return {
      cause: `a ${v} port is bound by the OVS or OVN mechanism driver (and needs the vDPA/forwarder support on the host), not by sriovnicswitch; none accepted it`,
      fix: 'check the OVS/OVN agent of the host and that it reports support for this vnic_type',
    };
  return undefined;
}

export const MGMT_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- OpenStack Nova: claims
  {
    id: 'nova.pci-claim-failed',
    source: 'openstack',
    cite: `${NOVA} nova/compute/claims.py Claim._test_pci() (raised as ComputeResourcesUnavailable, nova/exception.py "Insufficient compute resources: %(reason)s.")`,
    format: 'Claim pci failed',
    versions:
      'printed as "Insufficient compute resources: Claim pci failed." (older releases added their own full stop: "Claim pci failed.."), wrapped by the compute manager as "Build of instance %s was re-scheduled: …" or "… aborted: …"',
    patterns: [
      new RegExp(
        `Build of instance (?<instance>${UUID}) (?<how>was re-scheduled|aborted): Insufficient compute resources: Claim pci failed`,
      ),
      /Claim pci failed/,
    ],
    severity: 'error',
    title: 'Nova: the compute host could not claim the PCI devices the instance asks for',
    cause: `the scheduler chose this host, but nova-compute, holding its resource lock, found no free devices matching the request in its own PCI pools: another instance took the last device in between (parallel boots), an allocation leaked to an instance that failed or was deleted while the host was down, or the scheduler and the compute disagree on what matches — ${NOVA_MATCH}`,
    fix: `compare the request with the pools: ${NOVA_POOLS}; make [pci]alias (on nova-api and nova-compute) and [pci]device_spec (on the compute) name the same vendor_id/product_id/device_type; free leaked devices by deleting instances in ERROR that hold them; then rebuild the instance`,
    refine: (f) =>
      f.how === 'aborted'
        ? {
            cause:
              'the PCI claim failed on the host and Nova did not reschedule (retries used up, [scheduler]max_attempts = 1, or the host was forced): no other host was tried',
          }
        : undefined,
    render: render('Insufficient compute resources: '),
    examples: [
      ex(
        '2024-05-14 09:12:44.321 12345 ERROR nova.compute.manager [req-4c1d2a3e-8f51-4b7a-9e0c-0a7d2b9c1e44 - - - - -] [instance: 5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11] Build of instance 5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11 was re-scheduled: Insufficient compute resources: Claim pci failed.',
        { instance: '5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11', how: 'was re-scheduled' },
      ),
      ex('nova.exception.ComputeResourcesUnavailable: Insufficient compute resources: Claim pci failed.'),
    ],
  },
  {
    id: 'nova.pci-numa-claim-failed',
    source: 'openstack',
    cite: `${NOVA} nova/compute/claims.py Claim._test_numa_topology() (with nova/virt/hardware.py numa_fit_instance_to_host())`,
    format:
      'Requested instance NUMA topology together with requested PCI devices cannot fit the given host NUMA topology',
    versions:
      'printed as "Insufficient compute resources: %s."; without PCI requests the same check says "Requested instance NUMA topology cannot fit the given host NUMA topology", which is not about devices',
    patterns: [
      /Requested instance NUMA topology together with requested PCI devices cannot fit the given host NUMA topology/,
    ],
    severity: 'error',
    title: "Nova: the instance's NUMA placement and its PCI devices' NUMA node do not fit together",
    cause:
      "the instance has a NUMA topology (hw:numa_nodes, hw:cpu_policy=dedicated or a hw:mem_page_size make one) and the PCI NUMA affinity policy ties its devices to the guest's NUMA node(s): legacy (the default) and required insist that a device reporting a NUMA node sits on a host node the guest occupies, socket that it is on the same socket. The free devices are on another node than the one with room for the guest's CPUs and memory, or the devices are spread over two nodes and the guest has one",
    fix: "relax the policy (flavor hw:pci_numa_affinity_policy=preferred, image hw_pci_numa_affinity_policy, numa_policy in the [pci]alias, or the port's numa_affinity_policy for SR-IOV ports), or give the guest both nodes (hw:numa_nodes=2), or free CPUs/hugepages on the node the card hangs off (cat /sys/bus/pci/devices/ADDR/numa_node)",
    render: render('Insufficient compute resources: '),
    examples: [
      ex(
        'Build of instance 0f6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d was re-scheduled: Insufficient compute resources: Requested instance NUMA topology together with requested PCI devices cannot fit the given host NUMA topology.',
      ),
    ],
  },
  {
    id: 'nova.pci-alloc-failed',
    source: 'openstack',
    cite: `${NOVA} nova/pci/stats.py PciDeviceStats.consume_requests()`,
    format:
      'Failed to allocate PCI devices for instance. Unassigning devices back to pools. This should not happen, since the scheduler should have accurate information, and allocation during claims is controlled via a hold on the compute node semaphore',
    patterns: [/Failed to allocate PCI devices for instance\. Unassigning devices back to pools/],
    severity: 'error',
    title: 'Nova: the compute host ran out of matching PCI devices while claiming them',
    cause: `while claiming, nova-compute counted fewer free devices matching one request than it asks for, so it returned the ones taken so far: the pools changed after the scheduler looked (another instance, a device that disappeared or was removed from [pci]device_spec), or for a request with NUMA affinity the free devices are on a node the guest does not use. The claim then fails with "Claim pci failed" and Nova reschedules — ${NOVA_MATCH}`,
    fix: `${NOVA_POOLS}; check that the requested count is available on one host and node, that no leaked allocation holds devices, and that device_spec and alias agree`,
    render: render(''),
    examples: [
      ex(
        '2024-05-14 09:12:44.300 12345 ERROR nova.pci.stats [req-4c1d2a3e-8f51-4b7a-9e0c-0a7d2b9c1e44 - - - - -] Failed to allocate PCI devices for instance. Unassigning devices back to pools. This should not happen, since the scheduler should have accurate information, and allocation during claims is controlled via a hold on the compute node semaphore.',
      ),
    ],
  },
  {
    id: 'nova.pci-request-failed',
    source: 'openstack',
    cite: `${NOVA} nova/pci/stats.py PciDeviceStats.apply_requests() (PciDeviceRequestFailed, nova/exception.py)`,
    format: 'PCI device request %(requests)s failed',
    versions:
      'early releases had the typo "PCI device request (%requests)s failed"; the requests print as a list of InstancePCIRequest(alias_name=…,count=…,spec=[…]) objects',
    patterns: [
      /PCI device request \[InstancePCIRequest\(alias_name='?(?<alias>[^',()\n]{1,64})'?,[^\n]{1,800}? failed/,
      /PCI device request [^\n]{1,800}? failed/,
    ],
    severity: 'error',
    title: 'Nova scheduler: a host could not take the PCI request it was chosen for',
    cause: `the scheduler had counted enough matching devices on the host, but when it consumed them for this instance (several instances in one request, or concurrent requests) the host's pools ran out; the host is skipped and, if no other host has devices, the boot ends in "No valid host was found" — ${NOVA_MATCH}`,
    fix: `boot fewer instances at once or add hosts/devices; ${NOVA_POOLS}`,
    refine: (f) =>
      f.alias === 'None'
        ? {
            cause:
              "the request comes from a Neutron SR-IOV port (alias_name=None: vnic_type direct, macvtap or direct-physical), which asks for a VF or PF tagged with the network's physical_network; the host had no free one left when it was consumed",
            fix: 'check that the computes tag enough VFs with that physical_network in [pci]device_spec (and that sriov_numvfs is set at boot), and that other instances do not hold them all',
          }
        : f.alias
          ? {
              cause: `the host's pools had no free device left for alias ${f.alias} when the scheduler consumed them for this instance (several instances in one request, or concurrent requests); the host is skipped`,
            }
          : undefined,
    render: render(
      '',
      "[InstancePCIRequest(alias_name='a1',count=1,is_new=False,numa_policy=None,request_id=None,requester_id=None,spec=[{product_id='1eb8',vendor_id='10de'}])]",
    ),
    examples: [
      ex(
        "2024-05-14 09:12:40.101 2201 ERROR nova.scheduler.host_manager [req-4c1d2a3e-8f51-4b7a-9e0c-0a7d2b9c1e44 - - - - -] PCI device request [InstancePCIRequest(alias_name='gpu-t4',count=2,is_new=False,numa_policy=None,request_id=None,requester_id=None,spec=[{dev_type='type-PCI',product_id='1eb8',vendor_id='10de'}])] failed",
        { alias: 'gpu-t4' },
      ),
      ex(
        "nova.exception.PciDeviceRequestFailed: PCI device request [InstancePCIRequest(alias_name=None,count=1,is_new=False,numa_policy=None,request_id=6a1f0b3c-2d4e-4f60-8a7b-9c0d1e2f3a4b,requester_id='b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',spec=[{dev_type='type-VF',physical_network='physnet2'}])] failed",
        { alias: 'None' },
      ),
    ],
  },
  // ---------------------------------------------------------------- OpenStack Nova: configuration
  {
    id: 'nova.pci-alias-not-defined',
    source: 'openstack',
    cite: `${NOVA} nova/pci/request.py _translate_alias_to_requests() (PciRequestAliasNotDefined, nova/exception.py)`,
    format: 'PCI alias %(alias)s is not defined',
    versions:
      'the API answers 400 with this text ("ERROR (BadRequest): PCI alias … is not defined (HTTP 400)")',
    patterns: [/PCI alias (?<alias>[^\s()]{1,100}) is not defined/],
    severity: 'error',
    title: 'Nova: the flavor asks for a PCI alias nova.conf does not define',
    cause:
      'the flavor\'s pci_passthrough:alias extra spec ("NAME:COUNT[,NAME:COUNT]") names an alias that no [pci]alias line defines on the service that read it: nova-api turns the flavor into PCI requests when the server is created or resized, so the alias must be in nova.conf of the API/controller nodes, not only of the computes; a typo or a different case in the name has the same effect',
    fix: 'define the alias on the nova-api and nova-compute nodes ([pci] alias = \'{"name": "NAME", "vendor_id": "10de", "product_id": "1eb8", "device_type": "type-PCI"}\'), restart nova-api and nova-compute (in Kolla/OpenStack-Ansible set it for both groups), and check the flavor with openstack flavor show',
    render: render('', 'gpu-t4'),
    examples: [
      ex(
        'ERROR (BadRequest): PCI alias gpu-t4 is not defined (HTTP 400) (Request-ID: req-0d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6)',
        {
          alias: 'gpu-t4',
        },
      ),
      ex('nova.exception.PciRequestAliasNotDefined: PCI alias a1 is not defined', { alias: 'a1' }),
    ],
  },
  {
    id: 'nova.pci-alias-invalid',
    source: 'openstack',
    cite: `${NOVA} nova/pci/request.py get_alias_from_config() / _validate_aliases() (PciInvalidAlias, nova/exception.py)`,
    format: 'Invalid PCI alias definition: %(reason)s',
    versions:
      'reasons: "NUMA policy mismatch for alias \'%s\'", "Device type mismatch for alias \'%s\'", "The PCI alias(es) %s does not have vendor_id and product_id fields set.", "The PCI alias(es) %s have multiple specs but [filter_scheduler]pci_in_placement is True…", or the JSON / jsonschema error text',
    patterns: [/Invalid PCI alias definition: (?<reason>[^\n]{1,300})/],
    severity: 'error',
    title: 'Nova: a [pci]alias in nova.conf is not valid',
    cause:
      'nova-api or nova-compute parsed [pci]alias (a JSON object per line) and rejected it, so no flavor can use PCI aliases until it is fixed',
    fix: 'read the reason after the colon; each alias is one JSON object: alias = \'{"name": "NAME", "vendor_id": "10de", "product_id": "1eb8", "device_type": "type-PCI", "numa_policy": "preferred"}\', with the same definition on nova-api and nova-compute nodes',
    refine: refineAliasReason,
    render: render('', "NUMA policy mismatch for alias 'gpu'"),
    examples: [
      ex(
        "nova.exception.PciInvalidAlias: Invalid PCI alias definition: NUMA policy mismatch for alias 'gpu'",
        {
          reason: "NUMA policy mismatch for alias 'gpu'",
        },
      ),
      ex("Invalid PCI alias definition: 'type-GPU' is not one of ['type-PCI', 'type-PF', 'type-VF']"),
      ex(
        'Invalid PCI alias definition: The PCI alias(es) gpu does not have vendor_id and product_id fields set.',
      ),
    ],
  },
  {
    id: 'nova.pci-device-spec-invalid',
    source: 'openstack',
    cite: `${NOVA} nova/pci/devspec.py PciDeviceSpec / PciAddressSpec (PciConfigInvalidSpec, nova/exception.py); nova/compute/pci_placement_translator.py ensure_no_dev_spec_with_devname()`,
    format: 'Invalid [pci]device_spec config: %(reason)s',
    versions:
      'before Zed: "Invalid PCI devices Whitelist config: %(reason)s" ([pci]passthrough_whitelist) and "Invalid PCI Whitelist: The PCI whitelist can specify devname or address, but not both"; with PCI in Placement: "Invalid [pci]device_spec configuration. PCI Placement reporting does not support \'devname\' based device specification…"',
    patterns: [
      /Invalid (?:\[pci\]device_spec config|PCI devices Whitelist config): (?<reason>[^\n]{1,300})/,
      /Invalid PCI Whitelist: The PCI whitelist can specify (?<reason>devname or address, but not both)/,
      /Invalid \[pci\]device_spec configuration\. (?<reason>PCI Placement reporting does not support 'devname')/,
    ],
    severity: 'error',
    title: 'Nova: [pci]device_spec (passthrough_whitelist) is not valid',
    cause:
      'nova-compute parses [pci]device_spec at start and refuses an entry it cannot read; the service does not start (or reports no PCI devices), so nothing on this host can be assigned',
    fix: 'fix the entry the reason names, one JSON object per device_spec line: device_spec = \'{"vendor_id": "10de", "product_id": "1eb8"}\' or \'{"address": "0000:81:00.*", "physical_network": "physnet2"}\', then restart nova-compute',
    refine: refineDeviceSpec,
    render: render('', "property func ('12:6') does not parse as a hex number."),
    examples: [
      ex(
        "nova.exception.PciConfigInvalidSpec: Invalid [pci]device_spec config: property func ('12:6') does not parse as a hex number.",
        { reason: "property func ('12:6') does not parse as a hex number." },
      ),
      ex('Invalid PCI Whitelist: The PCI whitelist can specify devname or address, but not both', {
        reason: 'devname or address, but not both',
      }),
    ],
  },
  // ---------------------------------------------------------------- OpenStack Nova: device states
  {
    id: 'nova.pci-device-invalid-status',
    source: 'openstack',
    cite: `${NOVA} nova/objects/pci_device.py PciDevice.claim() / allocate() / remove() / free() (PciDeviceInvalidStatus, nova/exception.py)`,
    format: 'PCI device %(compute_node_id)s:%(address)s is %(status)s instead of %(hopestatus)s',
    versions:
      "the expected states print as a list: \"instead of ['available']\", \"instead of ['claimed', 'allocated']\"",
    patterns: [
      new RegExp(
        // The list ends the exception text; nova.pci-remove-allocated quotes it followed by ". Check
        // your …", which is that entry's line, not this one's.
        `PCI device (?<node>\\d{1,10}):${BDF} is (?<status>[a-z_]{1,20}) instead of (?<hope>\\[[^\\]\\n]{1,80}\\])(?:$|["'\\\\,}]| \\(HTTP)`,
      ),
    ],
    severity: 'error',
    title: "Nova: a PCI device is not in the state Nova's database needs for the operation",
    cause:
      "Nova keeps a row per assignable device (available, claimed, allocated, unavailable, unclaimable, removed) and moves it through those states; the device named is in another state than the operation expects, so Nova's records and the request disagree",
    fix: 'look the device up in the nova cell database (pci_devices: status, instance_uuid) and fix what holds it: an instance in ERROR, a migration that did not finish, or a device_spec change',
    refine: refineDeviceStatus,
    render: render('', 1, '0000:81:00.1', 'allocated', "['available']"),
    examples: [
      ex(
        "nova.exception.PciDeviceInvalidStatus: PCI device 3:0000:81:00.1 is allocated instead of ['available']",
        { node: '3', bdf: '0000:81:00.1', status: 'allocated' },
      ),
      ex("PCI device 1:0000:3b:00.0 is unavailable instead of ['available']", { status: 'unavailable' }),
    ],
  },
  {
    id: 'nova.pci-pf-vf-conflict',
    source: 'openstack',
    cite: `${NOVA} nova/objects/pci_device.py PciDevice.claim() / allocate() (PciDeviceVFInvalidStatus, PciDevicePFInvalidStatus, nova/exception.py)`,
    format: 'Not all Virtual Functions of PF %(compute_node_id)s:%(address)s are free.',
    versions:
      'the VF side: "Physical Function %(compute_node_id)s:%(address)s, related to VF %(compute_node_id)s:%(vf_address)s is %(status)s instead of %(hopestatus)s"',
    patterns: [
      new RegExp(`Not all Virtual Functions of PF (?<node>\\d{1,10}):${BDF} are free`),
      new RegExp(
        `Physical Function (?<node>\\d{1,10}):${BDF}, related to VF \\d{1,10}:(?<vf>${ADDR}) is (?<status>[a-z_]{1,20}) instead of`,
      ),
    ],
    severity: 'error',
    title: 'Nova: a PF and its VFs were asked for at the same time',
    cause:
      'an SR-IOV physical function can go to an instance whole only while none of its virtual functions is used, and a VF only while its PF is not given away: Nova was asked for the PF (an alias with device_type type-PF, or a port of vnic_type direct-physical) while some of its VFs are claimed or allocated',
    fix: 'keep PFs and their VFs in separate pools used by different flavors/ports, free the instances holding the VFs, or pick another PF; [pci]device_spec can offer only the PFs or only the VFs of a card',
    refine: (f) =>
      f.vf
        ? {
            title: 'Nova: a VF was asked for while its PF is given away',
            cause: `the VF ${f.vf} cannot be claimed because its physical function is ${f.status ?? 'in another state'}: the PF is assigned whole to an instance (or reserved for one), which takes all its VFs with it`,
            fix: 'use a VF of another PF, or free the instance that holds the whole PF; do not offer a PF and its VFs to flavors that run at the same time',
          }
        : undefined,
    render: render('', 1, '0000:81:00.0'),
    examples: [
      ex(
        'nova.exception.PciDeviceVFInvalidStatus: Not all Virtual Functions of PF 1:0000:81:00.0 are free.',
        { node: '1', bdf: '0000:81:00.0' },
      ),
      ex(
        "Physical Function 1:0000:81:00.0, related to VF 1:0000:81:10.4 is allocated instead of ['available', 'unclaimable', 'unavailable']",
        { vf: '0000:81:10.4', status: 'allocated' },
      ),
    ],
  },
  {
    id: 'nova.pci-device-not-found',
    source: 'openstack',
    cite: `${NOVA} nova/pci/utils.py get_ifname_by_pci_address() / get_mac_by_pci_address() / get_vf_num_by_pci_address() (PciDeviceNotFoundById, nova/exception.py)`,
    format: 'PCI device %(id)s not found',
    versions:
      'the database lookup says "PCI Device %(node_id)s:%(address)s not found." (PciDeviceNotFound); get_mac_by_pci_address() warns first "Could not find the expected sysfs file for determining the MAC address of the PCI device %(addr)s. May not be a NIC. Error: %(e)s"',
    patterns: [
      new RegExp(`PCI device ${BDF} not found`),
      new RegExp(`PCI Device (?<node>\\d{1,10}):${BDF} not found`),
      new RegExp(
        `Could not find the expected sysfs file for determining the MAC address of the PCI device ${BDF}`,
      ),
    ],
    severity: 'error',
    title: 'Nova: the network function of an SR-IOV device is missing on the host',
    cause:
      "for an SR-IOV port Nova reads the VF's network interface, MAC and VF number from sysfs (/sys/bus/pci/devices/ADDR/net, …/physfn/net, …/physfn/virtfnN) and found none: the VFs were re-created or are gone (sriov_numvfs is reset at every boot unless set again), the PF was moved off its kernel driver (to vfio-pci or a DPDK driver) so it has no netdev, or the device named is not a NIC at all (a GPU or accelerator listed with a physical_network tag)",
    fix: 'check /sys/bus/pci/devices/ADDR/ and the PF with ip link; make sriov_numvfs persistent (a udev rule or systemd unit before nova-compute), keep the PF on its kernel driver, and tag only NIC functions with physical_network in [pci]device_spec',
    refine: (f) =>
      f.node
        ? {
            title: "Nova: a PCI device is missing from Nova's records for this host",
            cause:
              'Nova looked the device up in its database for this compute node and found no row: the device disappeared from the host, was removed from [pci]device_spec, or the compute node record changed (the host was renamed, so its devices belong to another node id)',
            fix: 'check that the device exists (lspci -D) and is still matched by [pci]device_spec, restart nova-compute so it reports its devices, and check that the hypervisor hostname did not change',
          }
        : undefined,
    render: render('', '0000:81:10.2'),
    examples: [
      ex('nova.exception.PciDeviceNotFoundById: PCI device 0000:81:10.2 not found', { bdf: '0000:81:10.2' }),
      ex('PCI Device 4:0000:3b:02.1 not found.', { node: '4', bdf: '0000:3b:02.1' }),
      ex(
        "Could not find the expected sysfs file for determining the MAC address of the PCI device 0000:81:00.0. May not be a NIC. Error: [Errno 2] No such file or directory: '/sys/bus/pci/devices/0000:81:00.0/net'",
        { bdf: '0000:81:00.0' },
      ),
    ],
  },
  {
    id: 'nova.pci-remove-allocated',
    source: 'openstack',
    cite: `${NOVA} nova/pci/manager.py PciDevTracker._set_hvdevs()`,
    format:
      'Unable to remove device with %(status)s ownership %(instance_uuid)s because of %(pci_exception)s. Check your [pci]passthrough_whitelist configuration to make sure this allocated device is whitelisted. If you have removed the device from the whitelist intentionally or the device is no longer available on the host you will need to delete the server or migrate it to another host to silence this warning.',
    versions: 'Zed and later name the option [pci]device_spec',
    patterns: [
      new RegExp(
        `Unable to remove device with (?<status>[a-z_]{1,20}) ownership (?<instance>${UUID}|None) because of`,
      ),
    ],
    severity: 'warning',
    title: 'Nova: a device given to an instance is no longer reported by the host',
    cause:
      'at every resource audit nova-compute compares the devices the hypervisor reports (and [pci]device_spec matches) with its records; a device still claimed or allocated to an instance is gone from that list — it was taken out of device_spec, the card or its VFs disappeared (sriov_numvfs not restored after a reboot, a device that fell off the bus), or its address changed — so Nova keeps the record and warns at every audit',
    fix: 'restore the device (its VFs, its device_spec entry) if the instance still needs it; otherwise delete or migrate the instance named so the record can go',
    render: render('', 'allocated', '5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11', 'x'),
    examples: [
      ex(
        "2024-05-14 09:20:01.555 12345 WARNING nova.pci.manager [req-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d - - - - -] Unable to remove device with allocated ownership 5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11 because of PCI device 1:0000:81:10.2 is allocated instead of ['available', 'unavailable', 'unclaimable']. Check your [pci]device_spec configuration to make sure this allocated device is whitelisted. If you have removed the device from the whitelist intentionally or the device is no longer available on the host you will need to delete the server or migrate it to another host to silence this warning.",
        { status: 'allocated', instance: '5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11' },
      ),
    ],
  },
  {
    id: 'nova.pci-no-numa-affinity',
    source: 'openstack',
    cite: `${NOVA} nova/pci/manager.py PciDevTracker._claim_instance()`,
    format: 'Assigning a pci device without numa affinity to instance %(instance)s which has numa topology',
    patterns: [
      new RegExp(
        `Assigning a pci device without numa affinity to instance (?<instance>${UUID}) which has numa topology`,
      ),
    ],
    severity: 'warning',
    title: 'Nova: a PCI device without a NUMA node goes to a NUMA-pinned instance',
    cause:
      'the instance has a NUMA topology (pinned CPUs, hugepages or hw:numa_nodes) and got a device for which the host reports no NUMA node (/sys/bus/pci/devices/ADDR/numa_node is -1), so Nova could not check that the device is local to the guest: normal on single-socket hosts, and on multi-socket hosts whose firmware describes no proximity for the slot',
    fix: 'nothing on a single-socket host; on a multi-socket host check numa_node in sysfs and the firmware (ACPI _PXM/SRAT, "NUMA" or "sub-NUMA clustering" settings) if DMA performance matters',
    render: render('', '5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11'),
    examples: [
      ex(
        'WARNING nova.pci.manager [None req-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d admin admin] Assigning a pci device without numa affinity to instance 5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11 which has numa topology',
        { instance: '5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11' },
      ),
    ],
  },
  // ---------------------------------------------------------------- OpenStack Nova: scheduling
  {
    id: 'nova.pci-filter-no-hosts',
    source: 'openstack',
    cite: `${NOVA} nova/filters.py BaseFilterHandler.get_filtered_objects() with nova/scheduler/filters/pci_passthrough_filter.py PciPassthroughFilter.host_passes()`,
    format: 'Filter %s returned 0 hosts',
    versions:
      "followed by \"Filtering removed all hosts for the request with instance ID '%(inst_uuid)s'. Filter results: ['…', 'PciPassthroughFilter: (start: N, end: 0)']\"; at debug level the filter says per host \"%(host_state)s doesn't have the required PCI devices (%(requests)s)\"",
    patterns: [
      /Filter PciPassthroughFilter returned 0 hosts/,
      /Filter results: \[[^\n]{0,600}?'PciPassthroughFilter: \(start: (?<start>\d{1,6}), end: 0\)'/,
      /doesn't have the required PCI devices \((?<requests>[^\n]{1,400})\)/,
    ],
    severity: 'error',
    title: 'Nova scheduler: no host has free PCI devices for the request',
    cause: `the PciPassthroughFilter removed every host left: none has enough free devices in its PCI pools matching the flavor's alias (or the SR-IOV port's physical_network and device type) — all are in use, none is offered, or the request does not match what the computes report (${NOVA_MATCH}). The boot ends with "No valid host was found"`,
    fix: `${NOVA_POOLS}; compare them with the alias (openstack flavor show: pci_passthrough:alias) and fix the mismatch, or free devices; with [filter_scheduler]pci_in_placement the same lack shows earlier as Placement returning no allocation candidates`,
    refine: (f) =>
      f.start
        ? {
            cause: `${f.start} host(s) reached the PciPassthroughFilter and none has free PCI devices matching the request (the flavor's alias, or the SR-IOV port's physical_network and device type): all are in use, none is offered, or the request does not match what the computes report (${NOVA_MATCH})`,
          }
        : undefined,
    render: render('', 'PciPassthroughFilter'),
    examples: [
      ex(
        '2024-05-14 09:12:40.087 2201 INFO nova.filters [req-4c1d2a3e-8f51-4b7a-9e0c-0a7d2b9c1e44 - - - - -] Filter PciPassthroughFilter returned 0 hosts',
      ),
      ex(
        "2024-05-14 09:12:40.088 2201 INFO nova.filters [req-4c1d2a3e-8f51-4b7a-9e0c-0a7d2b9c1e44 - - - - -] Filtering removed all hosts for the request with instance ID '5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11'. Filter results: ['AvailabilityZoneFilter: (start: 3, end: 3)', 'ComputeFilter: (start: 3, end: 3)', 'PciPassthroughFilter: (start: 3, end: 0)']",
        { start: '3' },
      ),
      ex(
        "(compute-2, compute-2) ram: 190000MB disk: 800GB io_ops: 0 instances: 4 doesn't have the required PCI devices (InstancePCIRequests(instance_uuid=5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11,requests=[InstancePCIRequest]))",
      ),
    ],
  },
  {
    id: 'nova.pci-request-from-vif-not-found',
    source: 'openstack',
    cite: `${NOVA} nova/pci/request.py get_instance_pci_request_from_vif() (PciRequestFromVIFNotFound, nova/exception.py)`,
    format:
      'Failed to locate PCI request associated with the given VIF PCI address: %(pci_slot)s on compute node: %(node_id)s',
    patterns: [
      new RegExp(
        `Failed to locate PCI request associated with the given VIF PCI address: ${BDF} on compute node: (?<node>\\d{1,10})`,
      ),
    ],
    severity: 'error',
    title: "Nova: an SR-IOV port's VF is not among the instance's PCI devices",
    cause:
      "the port's binding profile says the instance uses the VF at this address (pci_slot), and the instance has that VF on this compute, but none of its PCI requests owns it: the port binding and Nova's PCI records went out of step — after a failed or reverted live migration or evacuation, or a port whose binding profile was edited outside Nova",
    fix: 'detach and re-attach the port through Nova (openstack server remove port / add port), or cold-migrate or hard-reboot the instance so Nova rebuilds the binding; never edit binding:profile by hand',
    render: render('', '0000:81:10.2', 3),
    examples: [
      ex(
        'nova.exception.PciRequestFromVIFNotFound: Failed to locate PCI request associated with the given VIF PCI address: 0000:81:10.2 on compute node: 3',
        { bdf: '0000:81:10.2', node: '3' },
      ),
    ],
  },
  // ---------------------------------------------------------------- OpenStack Nova: libvirt driver
  {
    id: 'nova.pci-detach-failed',
    source: 'openstack',
    cite: `${NOVA} nova/virt/libvirt/driver.py LibvirtDriver._detach_pci_devices() (PciDeviceDetachFailed, nova/exception.py)`,
    format: 'Failed to detach PCI device %(dev)s: %(reason)s',
    versions:
      'the reason is "timeout": the device was still in the domain XML after libvirt returned from the detach',
    patterns: [
      /Failed to detach PCI device (?<dev>[^\n]{1,600}?): (?<reason>timeout)/,
      /Failed to detach PCI device /,
    ],
    severity: 'error',
    title: 'Nova: the guest did not release a PCI device on hot-unplug',
    cause:
      "Nova hot-unplugs the instance's PCI devices (suspend, and live migration or shelve of instances with SR-IOV direct-physical ports or passthrough devices) and checks the domain afterwards; the device was still there: the guest OS did not honour the ACPI/PCIe unplug request (no hotplug driver, the device in use, a Windows guest that refuses ejection) within the time libvirt waits",
    fix: "stop the instance instead of suspending it, or make the guest release devices on request (Linux: pciehp/acpiphp loaded, nothing holding the device; Windows: the device must be ejectable); for live migration of SR-IOV instances prefer vnic_type direct ports, which Nova unplugs and replugs with the guest's cooperation",
    render: render('', "PciDevice(address='0000:81:00.1',compute_node_id=1,dev_type='type-PF')", 'timeout'),
    examples: [
      ex(
        "nova.exception.PciDeviceDetachFailed: Failed to detach PCI device PciDevice(address='0000:81:10.1',compute_node_id=1,dev_id='pci_0000_81_10_1',dev_type='type-VF',instance_uuid='5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11',status='allocated'): timeout",
        { reason: 'timeout', bdf: '0000:81:10.1' },
      ),
    ],
  },
  {
    id: 'nova.vgpu-unavailable',
    source: 'openstack',
    cite: `${NOVA} nova/virt/libvirt/driver.py LibvirtDriver._allocate_mdevs() (raised as ComputeResourcesUnavailable, nova/exception.py "Insufficient compute resources: %(reason)s.")`,
    format: 'vGPU resource is not available',
    versions:
      'printed as "Insufficient compute resources: vGPU resource is not available."; releases that generalised vGPUs to mdev types word it "mdev-capable resource is not available" (not checked against the stored tree); the same function warns "pGPU device name %(name)s can\'t be guessed from the ProviderTree roots %(roots)s" before raising it',
    patterns: [
      /(?<kind>vGPU|mdev-capable) resource is not available/,
      /(?:pGPU|mdev-capable) device name (?<rp>[\w.:-]{1,200}) can't be guessed from (?:the ProviderTree roots|provider names)/,
    ],
    severity: 'error',
    title: 'Nova: no vGPU (mediated device) could be found or created for the instance',
    cause:
      'Placement allocated VGPU from one physical GPU (a child resource provider named HOST_pci_0000_84_00_0), and nova-compute then found no unassigned mediated device of the enabled type on that GPU and could not create one (its available_instances is 0): stale mdevs created outside Nova or left by deleted instances use up the GPU, an mdev of another type sits on it (NVIDIA time-sliced vGPU allows one type per GPU), or, on NVIDIA Ampere and later, the SR-IOV VFs that carry the vGPU types were not enabled before nova-compute started',
    fix: 'list what exists (mdevctl list, ls /sys/bus/mdev/devices) and remove mdevs no instance uses; set one type per GPU ([devices]enabled_mdev_types / enabled_vgpu_types with per-GPU device_addresses); enable the VFs at boot (/usr/lib/nvidia/sriov-manage -e ALL) before nova-compute; restart nova-compute so it reports the real inventory',
    refine: (f) =>
      f.rp
        ? {
            cause: `the allocation names a GPU resource provider (${f.rp}) whose name does not start with this compute's root provider name: the compute node was renamed (its hypervisor hostname changed) or the providers were created by another host record, so Nova cannot tell which GPU the allocation means`,
            fix: 'keep the hypervisor hostname stable; if it changed, clean up the old resource providers in Placement (openstack resource provider list) and restart nova-compute',
          }
        : undefined,
    render: render('Insufficient compute resources: '),
    examples: [
      ex(
        'Build of instance 7c2d9e1a-3b4f-4c5d-8e6f-7a8b9c0d1e2f was re-scheduled: Insufficient compute resources: vGPU resource is not available.',
        { kind: 'vGPU' },
      ),
      ex(
        "WARNING nova.virt.libvirt.driver [req-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d - - - - -] pGPU device name compute-1_pci_0000_84_00_0 can't be guessed from the ProviderTree roots compute-01",
        { rp: 'compute-1_pci_0000_84_00_0' },
      ),
    ],
  },
  {
    id: 'nova.vgpu-type-unmapped',
    source: 'openstack',
    cite: `${NOVA} nova/virt/libvirt/driver.py LibvirtDriver._get_supported_vgpu_types()`,
    format:
      "The vGPU type '%(type)s' was listed in '[devices] enabled_vgpu_types' but no corresponding '[vgpu_%(type)s]' group or '[vgpu_%(type)s] device_addresses' option was defined. Only the first type '%(ftype)s' will be used.",
    versions:
      'releases with generic mdev support read [devices] enabled_mdev_types and [mdev_TYPE] groups and say "mdev type" (the pattern accepts both)',
    patterns: [
      /The (?:vGPU|mdev) type '(?<type>[\w.-]{1,64})' was listed in '\[devices\] enabled_(?:vgpu|mdev)_types' but no corresponding/,
    ],
    severity: 'warning',
    title: 'Nova: several vGPU types are enabled but not mapped to GPUs',
    cause:
      'with more than one type in enabled_vgpu_types (enabled_mdev_types), Nova needs a [vgpu_TYPE] (or [mdev_TYPE]) group with device_addresses for each, saying which physical GPU offers which type; one is missing, so Nova ignores the mapping and uses only the first type on every GPU — instances asking for the other type (through a trait or a custom resource class) find no vGPU',
    fix: 'add a group per type: [vgpu_nvidia-35] device_addresses = 0000:84:00.0 (or [mdev_nvidia-35]), one address per GPU and each GPU in one group only; restart nova-compute',
    render: render('', 'nvidia-36', 'nvidia-36', 'nvidia-36', 'nvidia-35'),
    examples: [
      ex(
        "WARNING nova.virt.libvirt.driver [-] The vGPU type 'nvidia-36' was listed in '[devices] enabled_vgpu_types' but no corresponding '[vgpu_nvidia-36]' group or '[vgpu_nvidia-36] device_addresses' option was defined. Only the first type 'nvidia-35' will be used.",
        { type: 'nvidia-36' },
      ),
    ],
  },

  // ---------------------------------------------------------------- OpenStack Neutron: SR-IOV
  {
    id: 'neutron.sriov-pf-not-found',
    source: 'openstack',
    cite: `${NEUTRON_SRIOV}/eswitch_manager.py PciOsWrapper.scan_vf_devices() (InvalidDeviceError, agent/common/exceptions.py "Invalid Device %(dev_name)s: %(reason)s")`,
    format: 'Failed to get devices for %s',
    versions:
      'raised as "Invalid Device %(dev_name)s: Device not found"; releases before Pike also refused a PF without VFs: "Invalid Device %(dev_name)s: Device has no virtual functions"',
    patterns: [
      new RegExp(`Failed to get devices for (?<dev>${IFNAME})`),
      new RegExp(
        `Invalid Device (?<dev>${IFNAME}): (?<reason>Device not found|Device has no virtual functions)`,
      ),
    ],
    severity: 'error',
    title: 'Neutron SR-IOV agent: an interface in physical_device_mappings is not a PCI network device',
    cause:
      'the agent looks for each interface of [sriov_nic] physical_device_mappings (PHYSNET:IFNAME) under /sys/class/net/IFNAME/device to find its VFs, and this one has no PCI device behind it: the name is wrong (a typo, or the NIC was renamed by predictable interface naming or a driver update), it is a bond, VLAN or bridge rather than the PF itself, or the PF was moved to vfio-pci/DPDK and has no netdev',
    fix: 'use the PF\'s own name as ip link shows it with a "vf N" list under it; keep the PF on its kernel driver; then restart neutron-sriov-nic-agent',
    refine: (f) =>
      f.reason === 'Device has no virtual functions'
        ? {
            cause: `the interface ${f.dev} exists but has no VFs (sriov_numvfs is 0): VFs are not created at boot unless something writes sriov_numvfs, and this agent version refuses to start without them`,
            fix: `create the VFs at boot (echo N > /sys/class/net/${f.dev}/device/sriov_numvfs from a udev rule or systemd unit ordered before the agent), or upgrade: newer agents skip a PF without VFs`,
          }
        : undefined,
    render: render('', 'ens1f0'),
    examples: [
      ex(
        '2024-05-14 08:00:02.345 2841 ERROR neutron.plugins.ml2.drivers.mech_sriov.agent.eswitch_manager [-] Failed to get devices for ens1f0',
        { dev: 'ens1f0' },
      ),
      ex(
        'neutron.plugins.ml2.drivers.mech_sriov.agent.common.exceptions.InvalidDeviceError: Invalid Device p1p1: Device has no virtual functions',
        { dev: 'p1p1', reason: 'Device has no virtual functions' },
      ),
    ],
  },
  {
    id: 'neutron.sriov-mapping-missing',
    source: 'openstack',
    cite: `${NEUTRON_SRIOV}/sriov_nic_agent.py SriovNicAgentConfigParser._validate() and main()`,
    format: 'Device name %(dev_name)s is missing from physical_device_mappings',
    versions: 'main() logs "Failed on Agent configuration parse. Agent terminated!" with the error and exits',
    patterns: [
      new RegExp(`Device name (?<dev>${IFNAME}) is missing from physical_device_mappings`),
      /Failed on Agent configuration parse\. Agent terminated!/,
    ],
    severity: 'error',
    title: 'Neutron SR-IOV agent: its configuration does not parse',
    cause:
      '[sriov_nic] exclude_devices names an interface that physical_device_mappings does not list: exclusions are per PF (IFNAME:VF_ADDR;VF_ADDR,...) and must refer to a mapped PF',
    fix: 'add the PF to physical_device_mappings (PHYSNET:IFNAME) or correct the name in exclude_devices, then restart neutron-sriov-nic-agent',
    refine: (f) =>
      f.dev
        ? undefined
        : {
            cause:
              'neutron-sriov-nic-agent could not read its [sriov_nic] options and stopped: physical_device_mappings must be PHYSNET:IFNAME pairs separated by commas, exclude_devices IFNAME:VF_ADDR;VF_ADDR pairs, resource_provider_bandwidths IFNAME:EGRESS:INGRESS; the traceback after this line names the value',
            fix: 'fix the value the traceback names in sriov_agent.ini and restart the agent',
          },
    render: render('', 'ens1f1'),
    examples: [
      ex('ValueError: Device name ens1f1 is missing from physical_device_mappings', { dev: 'ens1f1' }),
      ex(
        '2024-05-14 08:00:01.002 2841 ERROR neutron.plugins.ml2.drivers.mech_sriov.agent.sriov_nic_agent [-] Failed on Agent configuration parse. Agent terminated!',
      ),
    ],
  },
  {
    id: 'neutron.sriov-set-state-failed',
    source: 'openstack',
    cite: `${NEUTRON_SRIOV}/sriov_nic_agent.py SriovNicSwitchAgent.treat_device() (pci_lib.py PciDeviceIPWrapper.set_vf_state(): ip link set PF vf N state …)`,
    format: 'Failed to set device %s state',
    versions:
      'the same function: "Device %s does not support state change" (the driver has no VF link-state control) and "Failed to set spoofcheck for device %s"',
    patterns: [
      new RegExp(`Failed to set (?<what>device|spoofcheck for device) (?<mac>${MAC})(?: state)?`),
      new RegExp(`Device (?<mac>${MAC}) does not support (?<what>state change)`),
    ],
    severity: 'error',
    title: "Neutron SR-IOV agent: setting the VF's link state through its PF failed",
    cause:
      "the agent applies the port's admin state to the VF through the PF (ip link set PF vf N state enable|disable|auto, over netlink) and the PF driver refused: the VF index is stale (VFs re-created since the agent scanned), the PF is down or in a mode that does not allow it (switchdev), or the driver rejects the request; the port stays DOWN in Neutron and the agent resyncs",
    fix: 'try it by hand (ip link set PF vf N state auto) to see the error, keep the PF up, restart the agent after changing sriov_numvfs; with propagate_uplink_status the driver must support "auto"',
    refine: (f) =>
      f.what === 'state change'
        ? {
            severity: 'warning',
            title: "Neutron SR-IOV agent: the NIC driver cannot set a VF's link state (usually harmless)",
            cause:
              'the PF driver has no VF link-state control (netlink answers EOPNOTSUPP); the agent cannot take the VF down for a port set admin-down, but otherwise the port works',
            fix: 'nothing unless you rely on admin_state_up=False or propagate_uplink_status for SR-IOV ports; then use a NIC/driver that supports ip link … vf N state',
          }
        : f.what === 'spoofcheck for device'
          ? {
              severity: 'warning',
              cause:
                "the PF driver refused to set the VF's spoof checking (ip link set PF vf N spoofchk on|off), which follows the port's port_security_enabled: some drivers do not support it, or do not allow turning it off",
              fix: 'if port security must be off for this port (bonding or VRRP in the guest), use a NIC whose driver allows spoofchk off; otherwise the warning is harmless',
            }
          : undefined,
    render: render('', 'fa:16:3e:11:22:33'),
    examples: [
      ex(
        '2024-05-14 09:13:05.101 2841 WARNING neutron.plugins.ml2.drivers.mech_sriov.agent.sriov_nic_agent [req-7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910 - - - - -] Failed to set device fa:16:3e:11:22:33 state',
        { mac: 'fa:16:3e:11:22:33', what: 'device' },
      ),
      ex('Device fa:16:3e:44:55:66 does not support state change', { what: 'state change' }),
    ],
  },
  {
    id: 'neutron.sriov-device-mismatch',
    source: 'openstack',
    cite: `${NEUTRON_SRIOV}/eswitch_manager.py ESwitchManager._get_emb_eswitch(); sriov_nic_agent.py treat_device()`,
    format: 'device pci mismatch: %(device_mac)s - %(pci_slot)s',
    versions: 'treat_device() then logs "No device with MAC %s defined on agent." and the port stays DOWN',
    patterns: [
      new RegExp(`device pci mismatch: (?<mac>${MAC}) - ${BDF}`),
      new RegExp(`No device with MAC (?<mac>${MAC}) defined on agent`),
    ],
    severity: 'warning',
    title: "Neutron SR-IOV agent: the VF at the port's PCI slot does not carry the port's MAC",
    cause:
      "the agent finds a port's VF by its PCI slot (binding:profile pci_slot, chosen by Nova) and checks that the VF's administrative MAC (ip link show PF: vf N … link/ether) or its macvtap MAC is the port's MAC; it is not: libvirt sets the MAC when the guest starts (a brief mismatch during boot is normal), the same VF is also given to guests through a PCI alias (then nothing sets the MAC), the port moved to another VF after a migration, or the driver reports an all-zero MAC for VFs",
    fix: 'if it persists: compare ip link show PF with the port (openstack port show: binding_profile.pci_slot, mac_address); never offer the VFs of a physnet through a [pci]alias as well; hard-reboot the instance so libvirt sets the MAC again',
    render: render('', 'fa:16:3e:11:22:33', '0000:81:10.2'),
    examples: [
      ex(
        '2024-05-14 09:13:05.099 2841 WARNING neutron.plugins.ml2.drivers.mech_sriov.agent.eswitch_manager [-] device pci mismatch: fa:16:3e:11:22:33 - 0000:81:10.2',
        { mac: 'fa:16:3e:11:22:33', bdf: '0000:81:10.2' },
      ),
      ex('No device with MAC fa:16:3e:11:22:33 defined on agent.', { mac: 'fa:16:3e:11:22:33' }),
    ],
  },
  {
    id: 'neutron.sriov-vf-unmanaged',
    source: 'openstack',
    cite: `${NEUTRON_SRIOV}/eswitch_manager.py EmbSwitch._get_vf_index() and ESwitchManager._clear_rate() (InvalidPciSlotError, agent/common/exceptions.py "Invalid pci slot %(pci_slot)s")`,
    format: 'Cannot find vf index for pci slot %s',
    versions:
      'also "Invalid pci slot %(pci_slot)s" and "PCI slot %(pci_slot)s has no mapping to Embedded Switch; skipping"',
    patterns: [
      new RegExp(`Cannot find vf index for pci slot ${BDF}`),
      new RegExp(`Invalid pci slot ${BDF}`),
      new RegExp(`PCI slot ${BDF} has no mapping to Embedded Switch`),
    ],
    severity: 'error',
    title: "Neutron SR-IOV agent: the port's VF belongs to no PF the agent manages",
    cause:
      "the VF Nova chose for the port (its pci_slot) is not among the VFs the agent scanned: its PF is not in this host's physical_device_mappings, it is listed in exclude_devices, or the VFs were re-created (sriov_numvfs changed) after the agent started. Nova and Neutron then disagree on which VFs belong to the physnet: Nova's [pci]device_spec tags them, Neutron's mappings must cover the same PFs",
    fix: "make nova's [pci]device_spec physical_network tags and the agent's physical_device_mappings name the same PFs on each host, keep excluded VFs out of device_spec too, and restart neutron-sriov-nic-agent after changing sriov_numvfs",
    render: render('', '0000:81:10.2'),
    examples: [
      ex(
        '2024-05-14 09:13:05.120 2841 WARNING neutron.plugins.ml2.drivers.mech_sriov.agent.eswitch_manager [-] Cannot find vf index for pci slot 0000:81:10.2',
        { bdf: '0000:81:10.2' },
      ),
      ex('PCI slot 0000:05:02.3 has no mapping to Embedded Switch; skipping', { bdf: '0000:05:02.3' }),
    ],
  },
  {
    id: 'neutron.sriov-vfs-not-ready',
    source: 'openstack',
    cite: `${NEUTRON_SRIOV}/eswitch_manager.py ESwitchManager._create_emb_switch()`,
    format:
      'Not all VFs were initialized on device %(device)s: expected - %(expected)s, actual - %(actual)s. Skipping.',
    versions:
      'the same function: "Device %s has 0 VFs configured. Skipping for now to let the device initialize" and, at the next pass, "Device %s has 0 VFs configured"',
    patterns: [
      new RegExp(
        `Not all VFs were initialized on device (?<dev>${IFNAME}): expected - (?<expected>\\d{1,4}), actual - (?<actual>\\d{1,4})`,
      ),
      new RegExp(`Device (?<dev>${IFNAME}) has (?<zero>0) VFs configured`),
    ],
    severity: 'warning',
    title: "Neutron SR-IOV agent: a PF's VFs are not (all) there yet",
    cause:
      "sriov_numvfs of the PF asks for more VFs than have network interfaces: the VF driver (iavf, mlx5_core, ixgbevf…) has not bound them yet, is not installed, or is blacklisted, or some VFs are bound to vfio-pci/pci-stub outside Neutron's knowledge; the agent skips the whole PF until the counts match, so no port on that physnet can be bound here",
    fix: 'check ls /sys/class/net/PF/device/virtfn*/net and the VF driver (lsmod, dmesg); load the VF driver, and do not bind VFs of a Neutron-mapped PF to vfio-pci by hand (libvirt does that per port)',
    refine: (f) =>
      f.zero
        ? {
            severity: 'info',
            title: 'Neutron SR-IOV agent: a mapped PF has no VFs',
            cause: `${f.dev} has sriov_numvfs = 0: either it is still initialising (the agent gives it one more pass) or it is used only whole (vnic_type direct-physical); VF ports on it cannot be bound`,
            fix: `if VFs are meant to exist, create them at boot: echo N > /sys/class/net/${f.dev}/device/sriov_numvfs from a udev rule or systemd unit before the agent`,
          }
        : undefined,
    render: render('', 'ens1f0', 8, 5),
    examples: [
      ex(
        '2024-05-14 08:00:05.010 2841 INFO neutron.plugins.ml2.drivers.mech_sriov.agent.eswitch_manager [-] Not all VFs were initialized on device ens1f0: expected - 8, actual - 5. Skipping.',
        { dev: 'ens1f0', expected: '8', actual: '5' },
      ),
      ex('Device ens1f1 has 0 VFs configured. Skipping for now to let the device initialize', {
        dev: 'ens1f1',
        zero: '0',
      }),
    ],
  },
  {
    id: 'neutron.bind-port-failed',
    source: 'openstack',
    cite: 'openstack/neutron neutron/plugins/ml2/managers.py MechanismManager._bind_port_level() / bind_port() (sriovnicswitch: neutron/plugins/ml2/drivers/mech_sriov/mech_driver/mech_driver.py)',
    format:
      'Failed to bind port %(port)s on host %(host)s for vnic_type %(vnic_type)s using segments %(segments)s',
    versions:
      'Nova then fails the boot with "Binding failed for port %(port_id)s, please check neutron logs for more information." (PortBindingFailed), the same for every vnic_type',
    patterns: [
      new RegExp(
        `Failed to bind port (?<port>${UUID}) on host (?<host>[\\w.-]{1,253}) for vnic_type (?<vnic>direct-physical|direct|macvtap|remote-managed|virtio-forwarder|vdpa) using segments`,
      ),
    ],
    severity: 'error',
    title: 'Neutron could not bind an SR-IOV port on the chosen host',
    cause:
      "no mechanism driver accepted the port of this vnic_type on this host: sriovnicswitch is missing from [ml2] mechanism_drivers, no neutron-sriov-nic-agent is alive on the host (its [DEFAULT] host must be the name Nova uses for the compute), the network's physical network is not in the agent's physical_device_mappings, or the network is not flat/VLAN (SR-IOV ports cannot be on VXLAN/Geneve networks)",
    fix: 'openstack network agent list --host HOST --agent-type nic (alive, with device_mappings listing the physnet); mechanism_drivers = openvswitch,sriovnicswitch (or ovn,sriovnicswitch); use a VLAN or flat provider network of that physnet',
    refine: refineVnic,
    render: render(
      '',
      '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
      'compute-2',
      'direct',
      "[{'id': 'a1b2', 'network_type': 'vlan', 'physical_network': 'physnet2', 'segmentation_id': 120}]",
    ),
    examples: [
      ex(
        "2024-05-14 09:12:50.004 1982 ERROR neutron.plugins.ml2.managers [req-3c2b1a09-8f7e-4d6c-9b5a-493827160f5e - - - - -] Failed to bind port 3f2e1d0c-9b8a-4765-8432-10fedcba9876 on host compute-2 for vnic_type direct using segments [{'id': 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'network_type': 'vlan', 'physical_network': 'physnet2', 'segmentation_id': 120}]",
        { vnic: 'direct', host: 'compute-2' },
      ),
      ex(
        "Failed to bind port 6d5c4b3a-2910-4f8e-8d7c-6b5a49382716 on host compute-2.example.org for vnic_type direct-physical using segments [{'network_type': 'flat', 'physical_network': 'physnet3'}]",
        { vnic: 'direct-physical' },
      ),
    ],
  },

  // ---------------------------------------------------------------- Proxmox VE qemu-server
  {
    id: 'pve.device-assigned-twice',
    source: 'proxmox',
    cite: `${PVE_PCI} choose_hostpci_devices()`,
    format: "device '%s' assigned more than once\n",
    patterns: [new RegExp(`device '${BDF}' assigned more than once`)],
    severity: 'error',
    title: 'Proxmox: the same PCI device is in two hostpci entries of the VM',
    cause:
      'two hostpciN lines of the VM resolve to the same host function: the same address written twice, a whole-device entry (01:00, all functions) next to an entry for one of its functions (01:00.1), or two resource mappings whose devices overlap',
    fix: 'keep one hostpci line per device: either pass the whole card (host=01:00 with all functions) or list single functions, never both; check the mappings in Datacenter → Resource Mappings for overlaps',
    render: render('TASK ERROR: ', '0000:01:00.1'),
    examples: [ex("TASK ERROR: device '0000:01:00.1' assigned more than once", { bdf: '0000:01:00.1' })],
  },
  {
    id: 'pve.migrate-local-devices',
    source: 'proxmox',
    cite: 'proxmox/qemu-server PVE/QemuMigrate.pm prepare() (PVE::QemuServer::check_local_resources())',
    format: "can't migrate VM which uses local devices: %s\n",
    versions: 'older releases printed the message without the list',
    patterns: [
      /can't migrate VM which uses local devices: (?<devices>[\w, ]{0,300}?hostpci\d{1,2}[\w, ]{0,300})/,
    ],
    severity: 'error',
    title: 'Proxmox refuses to migrate a VM with passed-through PCI devices',
    cause:
      "a hostpci device is a piece of this node's hardware: QEMU cannot move a VFIO device's state to another host, so Proxmox refuses a live migration, and refuses an offline one unless forced, because the address may mean another device (or none) on the target",
    fix: 'shut the VM down and migrate it offline; with a cluster resource mapping (hostpciN: mapping=NAME) defined on both nodes Proxmox picks the right device on the target. For live migration remove the device first, or use a mediated device type whose driver supports migration (NVIDIA vGPU with mapped devices marked live-migration capable)',
    render: render('migration aborted (duration 00:00:00): ', 'hostpci0'),
    examples: [
      ex(
        "2025-06-29 20:53:55 ERROR: migration aborted (duration 00:00:00): can't migrate VM which uses local devices: hostpci0",
        { devices: 'hostpci0' },
      ),
      ex("can't migrate VM which uses local devices: usb0, hostpci0, hostpci1", {
        devices: 'usb0, hostpci0, hostpci1',
      }),
    ],
  },
  {
    id: 'pve.mdev-multifunction-ignored',
    source: 'proxmox',
    cite: `${PVE_PCI} print_hostpci_devices() (qemu-server before the resource-mapping rework)`,
    format: "ignoring mediated device '%s' with multifunction device\n",
    versions:
      'later releases refuse the configuration instead: "cannot use mediated device with multifunction device" (pve.mapping-invalid)',
    patterns: [/ignoring mediated device '(?<slot>hostpci\d{1,2})' with multifunction device/],
    severity: 'warning',
    title: 'Proxmox ignores mdev= on a hostpci entry that names a whole multi-function device',
    cause:
      'a mediated device (vGPU) is created on one PCI function, but the hostpci line names a whole device (01:00 without a function, i.e. all its functions); Proxmox passes the functions through as they are and ignores the mdev type, so the VM gets the whole GPU (or fails if it is in use) instead of a vGPU',
    fix: 'name the function the vGPU type lives on: hostpciN: 0000:01:00.0,mdev=TYPE (on NVIDIA Ampere and later, a VF address)',
    render: render('', 'hostpci0'),
    examples: [ex("ignoring mediated device 'hostpci0' with multifunction device", { slot: 'hostpci0' })],
  },

  // ---------------------------------------------------------------- Incus / LXD
  {
    id: 'incus.sriov-no-free-vf',
    source: 'incus',
    cite: `${INCUS}/network/network_utils_sriov.go SRIOVFindFreeVirtualFunction() (${LXD_TOO}network/network_utils_sriov.go)`,
    format: 'All virtual functions on parent device %q are already in use',
    versions:
      'for OVN hardware offload SRIOVFindFreeVFAndRepresentor() says "No free virtual function and representor port found"; when raising sriov_numvfs fails the same function says "Failed growing available VFs from %d to %d on device %q: %w", whose write error sysfs.sriov-numvfs-failed explains',
    patterns: [
      new RegExp(`All virtual functions on parent device "(?<parent>${IFNAME})" are already in use`),
      /(?<ovn>No free virtual function and representor port found)/,
    ],
    severity: 'error',
    title: 'Incus/LXD: no free SR-IOV virtual function on the parent NIC',
    cause:
      'for a nic of type sriov Incus takes a VF of the parent that is bound on the host, down, without IP addresses and not named by another instance or network; none is left: the VFs are used by other instances (a VF given to a VM is unbound from the host and no longer listed), held by the host (up, or with an address — NetworkManager or systemd-networkd configuring VF interfaces), and sriov_numvfs is already at sriov_totalvfs',
    fix: 'count the free VFs (ip link show PARENT; ls /sys/class/net/PARENT/device/virtfn*/net), stop the host network manager from configuring VF interfaces (mark them unmanaged), raise sriov_numvfs up to sriov_totalvfs, or stop instances that hold VFs',
    refine: (f) =>
      f.ovn
        ? {
            cause:
              'for an OVN NIC with hardware acceleration Incus looks, on each port of the integration bridge, for a PF in switchdev mode with a free VF and its representor port; none has one: the PF is not in switchdev mode (devlink dev eswitch set … mode switchdev), is not a port of the OVS integration bridge, or its VFs are all used',
            fix: 'put the PF in switchdev mode, add it to the integration bridge, create VFs, and check that their representor ports exist',
          }
        : undefined,
    render: render('Error: Failed to start device "eth0": ', 'enp65s0f0'),
    examples: [
      ex(
        'Error: Failed to start device "eth0": All virtual functions on parent device "enp65s0f0" are already in use',
        {
          parent: 'enp65s0f0',
        },
      ),
      ex('Error: Failed to start device "eth0": No free virtual function and representor port found', {
        ovn: 'No free virtual function and representor port found',
      }),
    ],
  },
  {
    id: 'incus.sriov-parent-unsupported',
    source: 'incus',
    cite: `${INCUS}/network/network_utils_sriov.go SRIOVFindFreeVirtualFunction() (${LXD_TOO}network/network_utils_sriov.go)`,
    format: "Parent device %q doesn't support SR-IOV",
    patterns: [new RegExp(`Parent device "(?<parent>${IFNAME})" doesn't support SR-IOV`)],
    severity: 'error',
    title: 'Incus/LXD: the parent of an sriov NIC has no SR-IOV capability',
    cause:
      'the parent interface has no /sys/class/net/PARENT/device/sriov_numvfs: it is not a PCI function that can create VFs — a bond, bridge or VLAN interface, a VF itself, a NIC without SR-IOV, or one whose SR-IOV is disabled in the NIC firmware or the BIOS (then the driver does not expose it)',
    fix: 'name the physical function (the PF, as ip link lists it with "vf N" lines once VFs exist) as parent; enable SR-IOV in the BIOS and the NIC firmware (mlxconfig SRIOV_EN=1 NUM_OF_VFS=N on Mellanox); use nictype macvlan or physical if the NIC cannot do SR-IOV',
    render: render('Error: Failed to start device "eth0": ', 'bond0'),
    examples: [
      ex('Error: Failed to start device "eth0": Parent device "bond0" doesn\'t support SR-IOV', {
        parent: 'bond0',
      }),
    ],
  },
  {
    id: 'incus.gpu-sriov-no-vf',
    source: 'incus',
    cite: `${INCUS}/device/gpu_sriov.go gpuSRIOV.getVF() (${LXD_TOO}device/gpu_sriov.go)`,
    format: "Couldn't find a matching GPU with available VFs",
    patterns: [/Couldn't find a matching GPU with available VFs/],
    severity: 'error',
    title: 'Incus/LXD: no GPU matching the device has a free virtual function',
    cause:
      'a gpu device with gputype=sriov takes a VF without a driver bound from the least busy matching GPU; no matching GPU has one: its VFs are not enabled (sriov_numvfs 0), all VFs are in use or bound to a host driver, the GPU is not SR-IOV capable (most consumer GPUs; Intel Xe/Flex and some AMD/NVIDIA data-centre GPUs are), or pci=/vendorid=/productid= match no GPU',
    fix: 'enable VFs on the GPU (echo N > /sys/bus/pci/devices/ADDR/sriov_numvfs; i915 needs the SR-IOV-capable driver and max_vfs), leave free VFs unbound, check the selectors with incus info --resources, or use gputype=physical/mdev',
    render: render('Error: Failed to start device "gpu0": '),
    examples: [ex('Error: Failed to start device "gpu0": Couldn\'t find a matching GPU with available VFs')],
  },
  {
    id: 'incus.gpu-not-detected',
    source: 'incus',
    cite: `${INCUS}/device/gpu_physical.go gpuPhysical.startVM() / startContainer(), gpu_mdev.go startVM() (${LXD_TOO}device/gpu_physical.go)`,
    format: 'Failed to detect requested GPU device',
    versions:
      'the same loop refuses a selector that matches several GPUs for a VM: "VMs cannot match multiple GPUs per device"',
    patterns: [/(?<what>Failed to detect requested GPU device|VMs cannot match multiple GPUs per device)/],
    severity: 'error',
    title: 'Incus/LXD: no GPU matches the gpu device',
    cause:
      "no GPU on the host matches the device's pci=, id=, vendorid= or productid=: the PCI address moved (a card added or moved, a firmware update renumbered the buses), the id is a DRM card number that changed, or Incus does not list the card as a GPU (incus info --resources) — for instance when it is already bound to vfio-pci by hand and its class is not read as a display device",
    fix: 'look the card up with incus info --resources and lspci -D, and set pci= to its current address (or vendorid/productid)',
    refine: (f) =>
      f.what === 'VMs cannot match multiple GPUs per device'
        ? {
            title: 'Incus/LXD: the gpu device matches several GPUs, and a VM takes one per device',
            cause:
              'for a VM each gpu device passes exactly one card; the selectors (vendorid/productid, or none) match several GPUs on the host',
            fix: 'select the card by pci=ADDRESS, or add one gpu device per card',
          }
        : undefined,
    render: render('Error: Failed to start device "gpu0": '),
    examples: [
      ex('Error: Failed to start device "gpu0": Failed to detect requested GPU device', {
        what: 'Failed to detect requested GPU device',
      }),
      ex('Error: Failed to start device "gpu0": VMs cannot match multiple GPUs per device', {
        what: 'VMs cannot match multiple GPUs per device',
      }),
    ],
  },
  {
    id: 'incus.gpu-in-use',
    source: 'incus',
    cite: `${INCUS}/device/gpu_physical.go gpuPhysical.startVM() (device_utils_generic.go checkAttachedRunningProcesses(); ${LXD_TOO}device/gpu_physical.go)`,
    format: 'Cannot use device %q, %d processes are still attached to it:\n\t%s',
    patterns: [
      /Cannot use device "(?<node>\/dev\/nvidia\d{1,3})", (?<count>\d{1,6}) processes are still attached to it/,
    ],
    severity: 'error',
    title: 'Incus/LXD: host processes still use the NVIDIA GPU meant for a VM',
    cause:
      "before unbinding an NVIDIA GPU from its host driver for passthrough Incus checks /proc/*/maps for the card's node (/dev/nvidiaN); processes hold it (the PIDs follow the message) — nvidia-persistenced, a display server, CUDA jobs, containers given the GPU, or DCGM/monitoring agents. Unbinding would block until they exit",
    fix: 'stop those processes (ps -p PID; systemctl stop nvidia-persistenced; remove the GPU from containers), or keep the card off the nvidia driver altogether (vfio-pci.ids=… at boot) if it is only for VMs',
    render: render('Error: Failed to start device "gpu0": ', '/dev/nvidia0', 2, '1482\n\t2210'),
    examples: [
      ex(
        'Error: Failed to start device "gpu0": Cannot use device "/dev/nvidia0", 2 processes are still attached to it:',
        {
          node: '/dev/nvidia0',
          count: '2',
        },
      ),
    ],
  },
  {
    id: 'incus.vfio-bind-timeout',
    source: 'incus',
    cite: `${INCUS}/device/pci/pci.go deviceProbeWait() (${LXD_TOO}device/pci/pci.go)`,
    format: 'Device took too long to activate at %q',
    patterns: [
      new RegExp(`Device took too long to activate at "/sys/bus/pci/drivers/(?<driver>[\\w-]{1,32})/${BDF}"`),
    ],
    severity: 'error',
    title: 'Incus/LXD: the device did not appear under vfio-pci after the probe',
    cause:
      "Incus wrote the device to drivers_probe with driver_override set and waited half a second for /sys/bus/pci/drivers/DRIVER/ADDR to appear; it did not: vfio-pci's probe failed (no IOMMU group — the IOMMU is off; or the device is in a group vfio-pci cannot use), or another driver claimed the device first",
    fix: 'read dmesg for vfio-pci probe errors, check that the IOMMU is on and the device has /sys/bus/pci/devices/ADDR/iommu_group (`vfiokit doctor`), and bind the device to vfio-pci at boot if a host driver keeps taking it',
    refine: (f) =>
      f.driver && f.driver !== 'vfio-pci'
        ? {
            title: 'Incus/LXD: the device did not return to its host driver',
            cause: `after the instance stopped, Incus gave the device back to ${f.driver} and it did not bind within half a second: that driver refused the device (its probe failed after passthrough — a GPU left in a state it cannot initialise, without a working reset) or is not loaded`,
            fix: `check dmesg for ${f.driver} probe errors; a power cycle or a device reset (echo 1 > /sys/bus/pci/devices/ADDR/reset) may be needed; keep devices used only by VMs on vfio-pci permanently`,
          }
        : undefined,
    render: render(
      'Error: Failed to start device "dev0": Failed to override IOMMU group driver: ',
      '/sys/bus/pci/drivers/vfio-pci/0000:03:00.0',
    ),
    examples: [
      ex(
        'Error: Failed to start device "dev0": Failed to override IOMMU group driver: Device took too long to activate at "/sys/bus/pci/drivers/vfio-pci/0000:03:00.0"',
        { driver: 'vfio-pci', bdf: '0000:03:00.0' },
      ),
      ex('Device took too long to activate at "/sys/bus/pci/drivers/nvidia/0000:01:00.0"', {
        driver: 'nvidia',
      }),
    ],
  },
  {
    id: 'incus.pci-device-missing',
    source: 'incus',
    cite: `${INCUS}/device/device_utils_generic.go validatePCIDevice() (${LXD_TOO}device/)`,
    format: 'Invalid PCI address (no device found): %s',
    versions:
      'a device without an IOMMU group fails later, in DeviceIOMMUGroup(), with Go\'s "lstat /sys/bus/pci/devices/%s/iommu_group: no such file or directory", which sysfs.iommu-group-missing explains',
    patterns: [new RegExp(`Invalid PCI address \\(no device found\\): ${BDF}`)],
    severity: 'error',
    title: 'Incus/LXD: the PCI address of the device names nothing on this host',
    cause:
      'there is no /sys/bus/pci/devices/ADDRESS: the address in the pci or gpu device moved (cards added or moved, firmware settings or updates renumber buses), was written in the wrong form, or the device fell off the bus (after a failed reset it can vanish until a power cycle)',
    fix: 'find the device again with lspci -D and update the instance (incus config device set INSTANCE DEV address=…); if it is missing from lspci, power-cycle the host',
    render: render('Error: Failed to start device "dev0": Failed to validate environment: ', '0000:03:00.0'),
    examples: [
      ex(
        'Error: Failed to start device "dev0": Failed to validate environment: Invalid PCI address (no device found): 0000:03:00.0',
        {
          bdf: '0000:03:00.0',
        },
      ),
    ],
  },
  {
    id: 'incus.mdev-profile',
    source: 'incus',
    cite: `${INCUS}/device/gpu_mdev.go gpuMdev.startVM() (${LXD_TOO}device/gpu_mdev.go)`,
    format: 'No available mdev for profile %q',
    versions:
      'the same function: "Invalid mdev profile %q" (no GPU or VF offers the type), "The requested profile %q does not exist" (ENOENT on create); "Failed to create virtual gpu %q: %w" ends with the write error of the create file, which sysfs.mdev-create-failed explains',
    patterns: [
      /(?<what>No available mdev|Invalid mdev profile) (?:for profile )?"(?<type>[\w.-]{1,64})"/,
      /The requested profile "(?<type>[\w.-]{1,64})" (?<what>does not exist)/,
    ],
    severity: 'error',
    title: 'Incus/LXD: the vGPU (mdev) of the gpu device could not be created',
    cause:
      "the GPU offers the mdev type but its available_instances is 0: the type's count is used up by other instances or by stale mdevs, a vGPU of another type already sits on the GPU (NVIDIA time-sliced vGPU allows one type per GPU), or, on NVIDIA Ampere and later, the types live on the SR-IOV VFs and none has room",
    fix: "list mdevs (mdevctl list, incus info --resources shows each type's available count) and remove unused ones; use one type per GPU; on SR-IOV GPUs enable the VFs (/usr/lib/nvidia/sriov-manage -e ADDR)",
    refine: (f) =>
      f.what === 'Invalid mdev profile' || f.what === 'does not exist'
        ? {
            cause: `no GPU (or VF) matching the device offers the type ${f.type}: the name is wrong (it is the directory name under mdev_supported_types, e.g. nvidia-63 or i915-GVTg_V5_4, not the marketing name), it belongs to another GPU model or driver version, or no mdev-capable driver is loaded (the NVIDIA vGPU host driver, i915 with GVT-g and kvmgt)`,
            fix: 'pick a type the card lists (incus info --resources, mdevctl types) and set mdev= to that name; load the vGPU host driver if none is listed',
          }
        : undefined,
    render: render('Error: Failed to start device "gpu0": ', 'nvidia-63'),
    examples: [
      ex('Error: Failed to start device "gpu0": No available mdev for profile "nvidia-63"', {
        what: 'No available mdev',
        type: 'nvidia-63',
      }),
      ex('Error: Failed to start device "gpu0": Invalid mdev profile "GRID-T4-2Q"', {
        what: 'Invalid mdev profile',
        type: 'GRID-T4-2Q',
      }),
    ],
  },
  {
    id: 'incus.passthrough-stateful',
    source: 'incus',
    cite: `${INCUS}/device/gpu_physical.go, gpu_mdev.go, gpu_sriov.go and pci.go validateEnvironment() (${LXD_TOO}device/)`,
    format: 'GPU devices cannot be used when migration.stateful is enabled',
    versions: 'the pci device type says "PCI devices cannot be used when migration.stateful is enabled"',
    patterns: [/(?<kind>GPU|PCI) devices cannot be used when migration\.stateful is enabled/],
    severity: 'error',
    title: 'Incus/LXD: passthrough devices and stateful migration are exclusive',
    cause:
      "the VM has migration.stateful=true (live migration and stateful stop/snapshots), which needs every device's state to be saved and restored by QEMU; a device passed through with VFIO keeps its state in the hardware, so Incus refuses the combination",
    fix: 'set migration.stateful=false on the instance (incus config set INSTANCE migration.stateful=false), or remove the gpu/pci device; migrate such VMs stopped',
    render: render('Error: Failed to start device "gpu0": '),
    examples: [
      ex(
        'Error: Failed to start device "gpu0": GPU devices cannot be used when migration.stateful is enabled',
        {
          kind: 'GPU',
        },
      ),
      ex('PCI devices cannot be used when migration.stateful is enabled', { kind: 'PCI' }),
    ],
  },

  // ---------------------------------------------------------------- Kubernetes / KubeVirt device plugins
  {
    id: 'kubevirt.device-disappeared',
    source: 'kubevirt',
    cite: 'kubevirt/kubevirt pkg/virt-handler/device-manager/pci_device.go PCIDevicePlugin.healthCheckFunc() (the same in mediated_device.go and generic_device.go)',
    format: 'monitored device %s disappeared',
    versions: 'when the node comes back: "monitored device %s appeared" (the device is marked healthy again)',
    patterns: [/monitored device (?<resource>[\w.-]{1,100}\/[\w.-]{1,100}) (?<what>disappeared|appeared)/],
    severity: 'warning',
    title: "KubeVirt: a passthrough device's VFIO node disappeared from the node",
    cause:
      "virt-handler's device plugin watches /dev/vfio/GROUP of every device it advertises; it was removed, so the device is reported Unhealthy and no new VM gets it: the device was unbound from vfio-pci (a host driver took it back, someone ran a bind script), the vfio modules were reloaded, or the device fell off the bus. VMs already running with it are not moved",
    fix: 'check the device on the node (lspci -nnk -s ADDR should say "Kernel driver in use: vfio-pci", ls /dev/vfio); bind it to vfio-pci at boot (vfio-pci.ids=…, softdep on the host driver) so nothing takes it back',
    refine: (f) =>
      f.what === 'appeared'
        ? {
            severity: 'info',
            title: "KubeVirt: a passthrough device's VFIO node is back (harmless)",
            cause:
              'the /dev/vfio node of the device exists again, so the device plugin reports it Healthy and VMs can get it',
            fix: 'nothing to do',
          }
        : undefined,
    render: render('', 'nvidia.com/GA102GL_A10'),
    examples: [
      ex(
        '{"component":"virt-handler","level":"info","msg":"monitored device nvidia.com/GA102GL_A10 disappeared","pos":"pci_device.go:178","timestamp":"2024-05-14T09:30:11.123456Z"}',
        { resource: 'nvidia.com/GA102GL_A10', what: 'disappeared' },
      ),
      ex('monitored device intel.com/qat appeared', { what: 'appeared' }),
    ],
  },
];

const NOVA_EXC = `${NOVA} nova/exception.py`;
const NEUTRON_AGENT = `${NEUTRON_SRIOV}/sriov_nic_agent.py`;
const NEUTRON_ESW = `${NEUTRON_SRIOV}/eswitch_manager.py`;

/** The further wordings the entries above recognise (coverage.ts AlsoCovered). */
export const MGMT_SWEEP_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'nova.pci-device-spec-invalid',
    file: NOVA_EXC,
    format: 'Invalid PCI devices Whitelist config: %(reason)s',
    text: "Invalid PCI devices Whitelist config: property bus ('1ff') is greater than the maximum allowable value (FF).",
  },
  {
    id: 'nova.pci-pf-vf-conflict',
    file: NOVA_EXC,
    format:
      'Physical Function %(compute_node_id)s:%(address)s, related to VF %(compute_node_id)s:%(vf_address)s is %(status)s instead of %(hopestatus)s',
    text: "Physical Function 2:0000:3b:00.0, related to VF 2:0000:3b:02.1 is allocated instead of ['available', 'unclaimable', 'unavailable']",
  },
  {
    id: 'nova.pci-device-not-found',
    file: NOVA_EXC,
    format: 'PCI Device %(node_id)s:%(address)s not found.',
    text: 'nova.exception.PciDeviceNotFound: PCI Device 4:0000:3b:02.1 not found.',
  },
  {
    id: 'nova.pci-device-not-found',
    file: `${NOVA} nova/pci/utils.py`,
    format:
      'Could not find the expected sysfs file for determining the MAC address of the PCI device %(addr)s. May not be a NIC. Error: %(e)s',
    text: "Could not find the expected sysfs file for determining the MAC address of the PCI device 0000:81:00.0. May not be a NIC. Error: [Errno 2] No such file or directory: '/sys/bus/pci/devices/0000:81:00.0/net'",
  },
  {
    id: 'nova.pci-filter-no-hosts',
    file: `${NOVA} nova/filters.py`,
    format:
      "Filtering removed all hosts for the request with instance ID '%(inst_uuid)s'. Filter results: %(str_results)s",
    text: "Filtering removed all hosts for the request with instance ID '5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11'. Filter results: ['ComputeFilter: (start: 2, end: 2)', 'PciPassthroughFilter: (start: 2, end: 0)']",
  },
  {
    id: 'nova.pci-filter-no-hosts',
    file: `${NOVA} nova/scheduler/filters/pci_passthrough_filter.py`,
    format: "%(host_state)s doesn't have the required PCI devices (%(requests)s)",
    text: "(compute-1, compute-1) ram: 64000MB disk: 400GB io_ops: 0 instances: 2 doesn't have the required PCI devices (InstancePCIRequests(requests=[InstancePCIRequest]))",
  },
  {
    id: 'nova.vgpu-unavailable',
    file: `${NOVA} nova/virt/libvirt/driver.py`,
    format: "pGPU device name %(name)s can't be guessed from the ProviderTree roots %(roots)s",
    text: "pGPU device name compute-1_pci_0000_84_00_0 can't be guessed from the ProviderTree roots compute-01",
  },
  {
    id: 'neutron.sriov-pf-not-found',
    file: `${NEUTRON_SRIOV}/common/exceptions.py`,
    format: 'Invalid Device %(dev_name)s: %(reason)s',
    text: 'InvalidDeviceError: Invalid Device ens1f0: Device not found',
  },
  {
    id: 'neutron.sriov-mapping-missing',
    file: NEUTRON_AGENT,
    format: 'Failed on Agent configuration parse. Agent terminated!',
    text: 'ERROR neutron.plugins.ml2.drivers.mech_sriov.agent.sriov_nic_agent [-] Failed on Agent configuration parse. Agent terminated!',
  },
  {
    id: 'neutron.sriov-set-state-failed',
    file: NEUTRON_AGENT,
    format: 'Device %s does not support state change',
    text: 'WARNING neutron.plugins.ml2.drivers.mech_sriov.agent.sriov_nic_agent [-] Device fa:16:3e:44:55:66 does not support state change',
  },
  {
    id: 'neutron.sriov-set-state-failed',
    file: NEUTRON_AGENT,
    format: 'Failed to set spoofcheck for device %s',
    text: 'Failed to set spoofcheck for device fa:16:3e:44:55:66',
  },
  {
    id: 'neutron.sriov-device-mismatch',
    file: NEUTRON_AGENT,
    format: 'No device with MAC %s defined on agent.',
    text: 'INFO neutron.plugins.ml2.drivers.mech_sriov.agent.sriov_nic_agent [-] No device with MAC fa:16:3e:11:22:33 defined on agent.',
  },
  {
    id: 'neutron.sriov-vf-unmanaged',
    file: `${NEUTRON_SRIOV}/common/exceptions.py`,
    format: 'Invalid pci slot %(pci_slot)s',
    text: 'InvalidPciSlotError: Invalid pci slot 0000:81:10.2',
  },
  {
    id: 'neutron.sriov-vf-unmanaged',
    file: NEUTRON_ESW,
    format: 'PCI slot %(pci_slot)s has no mapping to Embedded Switch; skipping',
    text: 'PCI slot 0000:05:02.3 has no mapping to Embedded Switch; skipping',
  },
  {
    id: 'neutron.sriov-vfs-not-ready',
    file: NEUTRON_ESW,
    format: 'Device %s has 0 VFs configured. Skipping for now to let the device initialize',
    text: 'Device ens1f1 has 0 VFs configured. Skipping for now to let the device initialize',
  },
  {
    id: 'incus.sriov-no-free-vf',
    file: `${INCUS}/network/network_utils_sriov.go`,
    format: 'No free virtual function and representor port found',
    text: 'Error: Failed to start device "eth0": No free virtual function and representor port found',
  },
  {
    id: 'incus.gpu-not-detected',
    file: `${INCUS}/device/gpu_physical.go`,
    format: 'VMs cannot match multiple GPUs per device',
    text: 'Error: Failed to start device "gpu0": VMs cannot match multiple GPUs per device',
  },
  {
    id: 'incus.mdev-profile',
    file: `${INCUS}/device/gpu_mdev.go`,
    format: 'Invalid mdev profile %q',
    text: 'Error: Failed to start device "gpu0": Invalid mdev profile "GRID-T4-2Q"',
  },
  {
    id: 'incus.mdev-profile',
    file: `${INCUS}/device/gpu_mdev.go`,
    format: 'The requested profile %q does not exist',
    text: 'Error: Failed to start device "gpu0": The requested profile "nvidia-999" does not exist',
  },
  {
    id: 'incus.passthrough-stateful',
    file: `${INCUS}/device/pci.go`,
    format: 'PCI devices cannot be used when migration.stateful is enabled',
    text: 'Error: Failed to start device "dev0": Failed to validate environment: PCI devices cannot be used when migration.stateful is enabled',
  },
  {
    id: 'kubevirt.device-disappeared',
    file: 'kubevirt/kubevirt pkg/virt-handler/device-manager/pci_device.go',
    format: 'monitored device %s appeared',
    text: 'monitored device nvidia.com/GA102GL_A10 appeared',
  },
];

/** Format strings of the same files looked at and left without an entry, with the reason. */
export const MGMT_SWEEP_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: NOVA_EXC,
    format: 'Binding failed for port %(port_id)s, please check neutron logs for more information.',
    why: 'Nova\'s PortBindingFailed is the same for every vnic_type and names no cause; the Neutron line it points to ("Failed to bind port … for vnic_type direct …") is covered by neutron.bind-port-failed',
  },
  {
    file: NOVA_EXC,
    format: 'No valid host was found. %(reason)s',
    why: 'the scheduler says it for any resource; the filter or Placement line before it names PCI when PCI is the cause, and the PciPassthroughFilter lines are covered by nova.pci-filter-no-hosts',
  },
  {
    file: `${NOVA} nova/scheduler/manager.py`,
    format:
      'Got no allocation candidates from the Placement API. This could be due to insufficient resources or a temporary occurrence as compute nodes start up.',
    why: 'printed for a lack of any resource class (VCPU, MEMORY_MB, DISK_GB as well as PCI or VGPU); it does not say which, so an explanation would guess',
  },
  {
    file: NOVA_EXC,
    format: 'Failed to prepare PCI device %(id)s for instance %(instance_uuid)s: %(reason)s',
    why: 'raised only by the Xen path of the libvirt driver (_prepare_pci_devices_for_use() returns at once for KVM, where libvirt detaches managed devices itself); the libvirt error inside it is covered by the libvirt entries',
  },
  {
    file: NOVA_EXC,
    format: '%(type)s hypervisor does not support PCI devices',
    why: 'a compute driver without PCI passthrough (VMware, Ironic, Hyper-V) asked for one: a deployment choice, not a host set-up problem on the VFIO path',
  },
  {
    file: 'openstack/neutron neutron/plugins/ml2/drivers/mech_agent.py',
    format: 'Attempting to bind with dead agent: %s',
    why: 'printed by every agent-based mechanism driver (Open vSwitch, Linux bridge, SR-IOV) whatever the vnic_type; the binding failure that follows for SR-IOV ports is covered by neutron.bind-port-failed',
  },
  {
    file: 'openstack/neutron neutron_lib/utils/helpers.py',
    format: "Invalid mapping: '%s' / Missing key in mapping: '%s' / Missing value in mapping: '%s'",
    why: 'the mapping parser shared by every agent (bridge_mappings, physical_interface_mappings as well as physical_device_mappings); the SR-IOV agent\'s own "Failed on Agent configuration parse" line after it is covered by neutron.sriov-mapping-missing',
  },
  {
    file: PVE_PCI,
    format: "can't reset PCI device '%s'",
    why: 'listed already under the older PCI.pm wording in vmm-coverage.ts; the errno line before it is covered by proxmox.sysfs-reset-failed',
  },
  {
    file: `${INCUS}/network/network_utils_sriov.go`,
    format: 'Failed growing available VFs from %d to %d on device %q: %w',
    why: 'the line ends with the write error of sriov_numvfs ("write /sys/class/net/PF/device/sriov_numvfs: device or resource busy"), which sysfs.sriov-numvfs-failed recognises and explains by its errno; a second entry would claim the same line',
  },
  {
    file: `${INCUS}/device/pci/pci.go`,
    format:
      'Failed probing device %q via %q: %w / Failed unbinding device %q via %q: %w / Failed setting driver override %q for device %q via %q: %w',
    why: 'each ends with the Go write error of the sysfs file ("write /sys/bus/pci/drivers_probe: invalid argument"), which sysfs.drivers-probe-failed, sysfs.unbind-failed and sysfs.driver-override-failed recognise and explain by file and errno; an Incus entry would claim the same lines',
  },
  {
    file: `${INCUS}/device/pci/pci.go`,
    format: 'lstat %s: %v',
    why: 'DeviceIOMMUGroup() passes on os.Lstat\'s "lstat /sys/bus/pci/devices/ADDR/iommu_group: no such file or directory" (no IOMMU active), which sysfs.iommu-group-missing explains',
  },
  {
    file: `${INCUS}/device/gpu_mdev.go`,
    format: 'Failed to create virtual gpu %q: %w',
    why: "ends with the write error of the type's create file, which sysfs.mdev-create-failed recognises and explains by errno",
  },
  {
    file: `${INCUS}/device/pci/pci.go`,
    format: 'Device uevent file could not be parsed',
    why: 'the uevent file of a PCI device always carries PCI_SLOT_NAME; reached only for a path that is not a PCI device, which validatePCIDevice() refuses first (incus.pci-device-missing)',
  },
  {
    file: 'kubevirt/kubevirt pkg/virt-handler/device-manager/pci_device.go',
    format: 'Not supported driver %s, pci %s',
    why: 'logged at verbosity 9 only (off by default): the device is skipped because it is not on vfio-pci, which users meet as the resource missing from the node (kubevirt.insufficient-device explains that)',
  },
];
