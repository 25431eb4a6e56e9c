// The tools and management-layer sweep (catalogue/tools-mgmt-sweep.ts): kmod skipping a modprobe.d
// line, dkms failing to build vendor-reset, the vfio-pci-bind script's checks, TrueNAS refusing a
// GPU for isolation, the SR-IOV and NVIDIA KubeVirt device plugins, Harvester's claim controller
// and oVirt VDSM. Each test asserts the exact entry and the cause words its facts should produce.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TOOLS_MGMT_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/tools-mgmt-sweep.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, safe, and claims its own examples with their facts', () => {
  const n = checkSweepEntries(
    TOOLS_MGMT_SWEEP_ENTRIES,
    ['kmod.', 'dkms.', 'tool.', 'mgmt.', 'initramfs.', 'proxmox.'],
    (e, x, f) => {
      for (const [k, v] of Object.entries(x.facts ?? {}))
        assert.equal(f.facts[k], v, `${e.id}: ${k} in ${x.text}`);
    },
  );
  assert.ok(n >= 20, `only ${n} entries`);
});

test('kmod: a skipped modprobe.d line is explained by its first word', () => {
  const id = 'kmod.config-bad-line';
  const bare = onlyFinding(
    "systemd-udevd[512]: libkmod: ERROR: kmod_config_parse: /etc/modprobe.d/vfio.conf line 3: ignoring bad line starting with '10de:1aef'",
    id,
  );
  assert.match(bare.explanation.title, /bare PCI IDs/);
  assert.match(bare.explanation.cause, /options vfio-pci ids=/);
  const kparam = onlyFinding(
    "libkmod: ERROR ../libkmod/libkmod-config.c:712 kmod_config_parse: /etc/modprobe.d/vfio.conf line 1: ignoring bad line starting with 'vfio_pci.ids=1002:73bf'",
    id,
  );
  assert.match(kparam.explanation.cause, /kernel command-line spelling/);
  assert.match(kparam.explanation.fix, /options vfio_pci ids=1002:73bf/);
  const bareCmd = onlyFinding(
    "/etc/modprobe.d/nvidia.conf line 4: ignoring bad line starting with 'softdep'",
    id,
  );
  assert.match(bareCmd.explanation.cause, /needs a module name/);
  const shell = onlyFinding(
    "WARNING: /etc/modprobe.d/vfio.conf line 1: ignoring bad line starting with 'echo'",
    id,
  );
  assert.match(shell.explanation.cause, /shell command/);
  const other = onlyFinding("/etc/modprobe.d/x.conf line 9: ignoring bad line starting with 'option'", id);
  assert.match(other.explanation.cause, /skipped as a whole/);
  assert.match(other.explanation.fix, /rebuild the initramfs/);
});

test('dkms: a failed build names make.log; vendor-reset gets its kernel-API cause', () => {
  const generic = onlyFinding(
    'Error! Bad return status for module build on kernel: 6.14.8-2-pve (x86_64)',
    'dkms.build-failed',
  );
  assert.equal(generic.facts.kernel, '6.14.8-2-pve');
  assert.match(generic.explanation.fix, /make\.log/);
  const vr = onlyFinding(
    'Consult /var/lib/dkms/vendor-reset/0.1.1/build/make.log for more information.',
    'dkms.build-failed',
  );
  assert.match(vr.explanation.cause, /linux\/unaligned\.h/);
  assert.match(vr.explanation.cause, /reset bug/);
  const other = onlyFinding(
    'Consult /var/lib/dkms/kvmfr/0.0.9/build/make.log for more information.',
    'dkms.build-failed',
  );
  assert.doesNotMatch(other.explanation.cause, /unaligned/);
  const headers = onlyFinding(
    'Error! Your kernel headers for kernel 6.5.13-5-pve cannot be found.',
    'dkms.headers-missing',
  );
  assert.match(headers.explanation.fix, /proxmox-headers/);
  assert.match(
    onlyFinding('Error! DKMS tree already contains: kvmfr-0.0.9', 'dkms.already-added').explanation.fix,
    /dkms remove/,
  );
  // dkms's own test (run_test.sh) expects this wording for a module whose BUILD_EXCLUSIVE excludes
  // the kernel: a skip by design, told apart from a failed build.
  const skipped = onlyFinding(
    'Warning: The /var/lib/dkms/dkms_build_exclusive_test/1.0/6.1.0-9-amd64/x86_64/dkms.conf\nfor module dkms_build_exclusive_test/1.0 includes a BUILD_EXCLUSIVE directive\nwhich does not match this kernel/arch/config.\nThis indicates that it should not be built.',
    'dkms.build-exclusive',
  );
  assert.equal(skipped.facts.module, 'dkms_build_exclusive_test');
  assert.match(skipped.explanation.cause, /not a build failure/);
  assert.match(skipped.explanation.cause, /Harmless for a kernel you do not boot/);
});

test('vfio-pci-bind.sh: each check says what it found', () => {
  const missing = onlyFinding(
    'Error: Device 0000:05:00.1 does not exist, unable to bind device',
    'tool.vfio-bind-device-missing',
  );
  assert.equal(missing.device, '0000:05:00.1');
  assert.match(missing.explanation.cause, /sriov_numvfs/);
  assert.match(
    onlyFinding(
      'Error: No signs of an IOMMU. Check your hardware and/or linux cmdline parameters. Use intel_iommu=on or iommu=pt iommu=1',
      'tool.vfio-bind-no-iommu',
    ).explanation.fix,
    /intel_iommu=on/,
  );
  const mismatch = onlyFinding(
    'Error: Vendor:Device 1002:67df not found at 0000:03:00.0, unable to bind device',
    'tool.vfio-bind-id-mismatch',
  );
  assert.equal(mismatch.facts.id, '1002:67df');
  assert.match(mismatch.explanation.cause, /another device/);
  // the bare "not found" and the "not found at" wordings stay apart
  onlyFinding('Error: Vendor:Device 8086:1533 not found', 'tool.vfio-bind-id-not-found');
  assert.match(
    onlyFinding(
      'Error: Multiple results for Vendor:Device 8086:1533, please provide Domain:Bus:Device.Function (dddd:bb:dd.f) as well',
      'tool.vfio-bind-id-ambiguous',
    ).explanation.fix,
    /address as well/,
  );
  assert.match(
    onlyFinding('Error: unable to adjust group ownership of /dev/vfio/27', 'tool.vfio-bind-chown-failed')
      .explanation.cause,
    /group node does not exist/,
  );
  assert.match(
    onlyFinding('Error: Error probing vfio-pci', 'tool.vfio-bind-modprobe-failed').explanation.fix,
    /modprobe -v vfio-pci/,
  );
});

test('TrueNAS: each isolation refusal names its rule', () => {
  assert.match(
    onlyFinding(
      '[EINVAL] gpu_settings.isolated_gpu_pci_ids: 0000:0a:00.0 GPU pci slot(s) consists of devices which cannot be isolated from host.',
      'mgmt.truenas-gpu-critical',
    ).explanation.cause,
    /IOMMU group/,
  );
  assert.match(
    onlyFinding(
      'A minimum of 1 GPU is required for the host to ensure it functions as desired.',
      'mgmt.truenas-gpu-host-needs-one',
    ).explanation.fix,
    /PCI passthrough device/,
  );
  assert.match(
    onlyFinding(
      '0000:41:00.0 GPU pci slot(s) are not available or a GPU is not configured.',
      'mgmt.truenas-gpu-not-available',
    ).explanation.cause,
    /removed or moved/,
  );
});

test('device plugins and Harvester: empty pools, double matches, unclaimed devices, vGPU types', () => {
  const pool = onlyFinding(
    'I1120 08:01:12.000000 1 manager.go:200] no devices in device pool, skipping creating resource server for mlnx_vfio',
    'mgmt.sriovdp-empty-pool',
  );
  assert.equal(pool.facts.resource, 'mlnx_vfio');
  assert.match(pool.explanation.cause, /sriov_numvfs/);
  assert.match(
    onlyFinding(
      'Cannot add device [0000:5e:01.3]. Already allocated.',
      'mgmt.sriovdp-device-already-allocated',
    ).explanation.fix,
    /disjoint/,
  );
  assert.match(
    onlyFinding(
      'resource name "mellanox.com/cx6" contains invalid characters',
      'mgmt.sriovdp-resource-name-invalid',
    ).explanation.cause,
    /resourcePrefix/,
  );
  assert.match(
    onlyFinding(
      '2024/05/02 11:20:31 Error starting GA102GL_A10 device plugin: rpc error: code = Unavailable',
      'mgmt.nvidia-dp-start-failed',
    ).explanation.cause,
    /device-plugin directory/,
  );
  const unclaimed = onlyFinding(
    'PCI Device 0000:af:00.0 is bound to vfio-pci but has no Claim, attempting to unbind',
    'mgmt.harvester-unclaimed-vfio',
  );
  assert.equal(unclaimed.device, '0000:af:00.0');
  assert.match(unclaimed.explanation.fix, /Enable Passthrough/);
  assert.match(
    onlyFinding(
      'VGPUType specified NVIDIA L4-6Q is not available for vGPU 0000:ca:00.4',
      'mgmt.harvester-vgpu-type-unavailable',
    ).explanation.cause,
    /one profile size per GPU/,
  );
});

test("oVirt VDSM: no IOMMU group, and a PF without its netdev (the source's missing space kept)", () => {
  assert.match(
    onlyFinding('NoIOMMUSupportException: hostdev passthrough without iommu', 'mgmt.vdsm-no-iommu')
      .explanation.fix,
    /Hostdev Passthrough & SR-IOV/,
  );
  const pf = onlyFinding(
    "could not determine network name for pci_0000_81_00_0. Possibledevices: ['net_ens1f0_…', 'net_ens1f0d1_…']",
    'mgmt.vdsm-pf-no-netdev',
  );
  assert.match(pf.explanation.cause, /bound to vfio-pci/);
});

test('initramfs tools: dracut stops and mkinitcpio warnings', () => {
  const failed = onlyFinding(
    'dracut[E]: FAILED: /usr/lib/dracut/dracut-install -D /var/tmp/dracut.ABC/initramfs -H --kerneldir /lib/modules/6.5.6-300.fc39.x86_64/ -m vfio_virqfd',
    'initramfs.dracut-install-failed',
  );
  assert.match(failed.explanation.cause, /Linux 6\.2/);
  const other = onlyFinding(
    'dracut: FAILED:  /usr/lib/dracut/dracut-install -D /var/tmp/dracut.P9/initramfs --kerneldir /lib/modules/6.8.0/ -m nvidia nvidia_drm',
    'initramfs.dracut-install-failed',
  );
  assert.doesNotMatch(other.explanation.cause, /vfio_virqfd/);
  assert.match(other.explanation.cause, /line before/);
  assert.match(
    onlyFinding(
      'dracut[W]: <key>+=" <values> ": <values> should have surrounding white spaces!',
      'initramfs.dracut-conf-spacing',
    ).explanation.fix,
    /add_drivers\+=" vfio vfio_iommu_type1 vfio_pci "/,
  );
  const perm = onlyFinding('dracut: No permission to write to /boot.', 'initramfs.dracut-output-dir-missing');
  assert.match(perm.explanation.cause, /without root/);
  const dir = onlyFinding(
    "dracut: Can't write to /efi/0123456789abcdef0123456789abcdef/6.9.1: Directory /efi/0123456789abcdef0123456789abcdef/6.9.1 does not exist or is not accessible.",
    'initramfs.dracut-output-dir-missing',
  );
  assert.match(dir.explanation.cause, /machine-id/);
  assert.match(
    onlyFinding(
      'dracut: Will not override existing initramfs (/boot/initramfs-6.9.1.img) without --force',
      'initramfs.dracut-needs-force',
    ).explanation.fix,
    /dracut -f/,
  );
  assert.match(
    onlyFinding(
      '==> WARNING: errors were encountered during the build. The image may not be complete.',
      'initramfs.mkinitcpio-incomplete',
    ).explanation.cause,
    /module not found/,
  );
});

test('quickpassthrough, virt-manager and cockpit', () => {
  const qp = onlyFinding(
    'Error, grubby command returned exit code 1',
    'tool.quickpassthrough-cmdline-tool-failed',
  );
  assert.equal(qp.facts.tool, 'grubby');
  assert.match(qp.explanation.cause, /vfio_pci\.ids/);
  onlyFinding('Failed to update /boot/grub/grub.cfg', 'tool.quickpassthrough-grub-update-failed');
  onlyFinding('neither grub-mkconfig or grub2-mkconfig found', 'tool.quickpassthrough-no-grub-mkconfig');
  assert.match(
    onlyFinding('Permissions error occured during file operations.', 'tool.quickpassthrough-permissions')
      .explanation.cause,
    /owned by root/,
  );
  assert.match(
    onlyFinding(
      "The device is already in use by other guests ['gaming', 'work']",
      'mgmt.virt-manager-hostdev-in-use',
    ).explanation.cause,
    /only one VM/,
  );
  assert.match(
    onlyFinding('Host device could not be attached', 'mgmt.cockpit-hostdev-attach-failed').explanation.fix,
    /detail/,
  );
});

test('proxmox-boot-tool: a stale ESP, and which file holds the command line', () => {
  assert.match(
    onlyFinding(
      "WARN: /dev/disk/by-uuid/EEC8-2CDA does not exist - clean '/etc/kernel/proxmox-boot-uuids'! - skipping",
      'proxmox.boot-esp-missing',
    ).explanation.fix,
    /proxmox-boot-tool clean/,
  );
  const grub = onlyFinding(
    '0B92-3E46 is configured with: grub (versions: 6.8.12-8-pve)',
    'proxmox.boot-esp-mode',
  );
  assert.equal(grub.explanation.severity, 'info');
  assert.match(grub.explanation.cause, /\/etc\/default\/grub/);
  const sdboot = onlyFinding(
    'CE07-78FC is configured with: uefi (versions: 6.8.12-4-pve)',
    'proxmox.boot-esp-mode',
  );
  assert.match(sdboot.explanation.cause, /\/etc\/kernel\/cmdline/);
});

test('Proxmox resource mappings: the assert_valid() detail decides the cause (mended pve.mapping-invalid)', () => {
  const id = 'pve.mapping-invalid';
  const group = onlyFinding(
    "TASK ERROR: PCI device mapping invalid (hardware probably changed): 'iommugroup' does not match for 'gpu' (21 != 20)",
    id,
  );
  assert.match(group.explanation.cause, /IOMMU group 21, the mapping expects 20/);
  const card = onlyFinding("'id' does not match for 'hba' (1000:0097 != 1000:0087)", id);
  assert.match(card.explanation.cause, /another card/);
  const sub = onlyFinding("'subsystem-id' does not match for 'gpu' (1458:4043 != 1462:3881)", id);
  assert.match(sub.explanation.cause, /board variant/);
  const gone = onlyFinding(
    "PCI device mapping invalid (hardware probably changed): pci device '0000:81:00.4' not found",
    id,
  );
  assert.match(gone.explanation.cause, /VFs were not created/);
  // the older wordings keep their explanation
  assert.match(
    onlyFinding("TASK ERROR: PCI device mapping not found for 'gpu1'", id).explanation.cause,
    /no entry for this node/,
  );
  assert.match(
    onlyFinding("hostpci0: Cannot set both 'host' and 'mapping'.", id).explanation.title,
    /not well formed/,
  );
});

test('vfio-pci-bind.sh warnings: an unchecked address and an assumed domain', () => {
  const unchecked = onlyFinding(
    'Warning: You did not specify a Vendor:Device (vvvv:dddd), unable to validate 0000:0c:00.0',
    'tool.vfio-bind-unvalidated',
  );
  assert.equal(unchecked.explanation.severity, 'warning');
  assert.match(unchecked.explanation.cause, /IOMMU group/);
  const domain = onlyFinding(
    'Warning: You did not supply a PCI domain, assuming 0000:0c:00.0',
    'tool.vfio-bind-domain-assumed',
  );
  assert.equal(domain.explanation.severity, 'info');
  assert.match(domain.explanation.cause, /VMD/);
});

test('virt-install/virt-manager without KVM: no kvm domain, a machine this QEMU lacks, the fallback to emulation', () => {
  // virtinst/capabilities.py guest_lookup(), virtinst/guest.py set_capabilities_defaults().
  const none = onlyFinding(
    "ERROR    Host does not support domain type kvm for virtualization type 'hvm' arch 'x86_64'",
    'mgmt.virtinst-no-kvm',
  );
  assert.match(none.explanation.cause, /disabled by bios/);
  assert.match(none.explanation.cause, /nested virtualization/);
  assert.match(none.explanation.fix, /virt-host-validate/);
  const machine = onlyFinding(
    "Host does not support domain type kvm with machine 'pc-q35-9.2' for virtualization type 'hvm' with architecture 'x86_64'",
    'mgmt.virtinst-no-kvm',
  );
  assert.match(machine.explanation.cause, /machine 'pc-q35-9\.2'/);
  assert.match(machine.explanation.fix, /-machine help/);
  const tcg = onlyFinding("WARNING  KVM acceleration not available, using 'qemu'", 'mgmt.virtinst-no-kvm');
  assert.match(tcg.explanation.title, /falls back to emulation/);
  assert.match(tcg.explanation.cause, /TCG/);
});
