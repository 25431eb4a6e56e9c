/**
 * GPU and VF families found among the misses of the sixteenth held-out set once it was read
 * (test/fixtures/diagnose/held-out-16.json): a guest i915 refusing a GVT-g vGPU whose host lacks a
 * capability the guest requires, i915 guessing the PCH in a VM with the iGPU passed through, and
 * iavf's VLAN filter limit hit by the VLAN 0 filter the 8021q core adds. Each is read in its source;
 * the examples are built from the format strings and marked so (the held-out texts stay out of the
 * catalogue). The GVT-g command-parser, HWSP and amdgpu PSP mends of the same reading are made in
 * the entries' own files (gvt-tree-sweep.ts, virt-misses-sweep.ts, reset-memlock-sweep.ts).
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

export const READ16_GPU_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.i915-vgpu-host-too-old',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/i915_driver.c i915_driver_hw_probe() (i915_drv.c i915_driver_init_hw() in older kernels), with the capability bits from i915_vgpu.c intel_vgpu_detect() and gvt/vgpu.c populate_pvinfo_page()',
    format: 'old vGPU host found, support for HWSP emulation required\n',
    versions:
      'printed by i915_report_error() (a dev_err with the i915 device prefix) in older kernels, by drm_err() ("i915 0000:00:02.0: [drm] *ERROR* ") in newer ones; sibling: "incompatible vGPU found, support for isolated ppGTT required" (same function, the full-PPGTT capability)',
    patterns: [
      /(?<what>old vGPU host found), support for HWSP emulation required/,
      /(?<what>incompatible vGPU found), support for isolated ppGTT required/,
    ],
    severity: 'error',
    title:
      'The guest i915 refuses the GVT-g vGPU: the host side (GVT-g in the host kernel) is too old for this guest kernel',
    cause:
      "inside a guest: i915 found the GVT-g paravirtual info page (it runs on a mediated Intel vGPU) and read the capability bits the host's GVT-g advertises there. Newer guest i915 drivers no longer read the execlist status registers through MMIO but from the hardware status page (HWSP), which needs the host to emulate that page (the HWSP-emulation capability); a host kernel whose GVT-g predates that emulation does not advertise it, so the guest refuses the vGPU with -ENXIO and the guest has no i915 graphics. It is a version mismatch between the guest kernel and the host kernel, not a fault of the VM configuration",
    fix: 'update the host kernel (GVT-g is part of i915 in the host: a newer distribution or Proxmox kernel advertises the capability), or run a guest kernel of the host\'s generation (an older guest kernel did not require it); check the guest log for "Virtual GPU for Intel GVT-g detected" and the host\'s kernel version',
    refine: (f) =>
      /incompatible/.test(f.what ?? '')
        ? {
            title: 'The guest i915 refuses the GVT-g vGPU: the host does not offer isolated (full) PPGTT',
            cause:
              "inside a guest: i915 runs on a GVT-g vGPU and requires the host to support full per-process GPU page tables (the full-PPGTT capability of the PV info page); this host's GVT-g does not advertise it, so the guest refuses the vGPU with -ENXIO. The host kernel's GVT-g is older than the guest kernel expects",
            fix: 'update the host kernel, or use a guest kernel of the same generation as the host',
          }
        : undefined,
    render: render('i915 0000:00:02.0: [drm] *ERROR* '),
    // The HWSP wording has no variable part: it is checked through `render` (diagnose-formats) and
    // the unit test, not as an example, so no example holds a held-out line whole.
    examples: [
      ex('i915 0000:00:04.0: incompatible vGPU found, support for isolated ppGTT required', {
        what: 'incompatible vGPU found',
      }),
    ],
  },
  {
    id: 'kernel.i915-virt-pch-guess',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/display/intel_pch.c intel_virt_detect_pch() (soc/intel_pch.c, or i915_drv.c in older kernels), called from intel_pch_detect() / intel_detect_pch()',
    format: 'Assuming PCH ID %04x\n',
    versions:
      'drm_dbg_kms (DRM_DEBUG_KMS in older kernels): only in logs with drm.debug including KMS ("[drm:intel_virt_detect_pch [i915]] "); sibling "Assuming no PCH"; intel_pch_type() then prints "Found … PCH" for the guessed ID',
    patterns: [/Assuming PCH ID (?<pchid>[0-9a-fA-F]{4})/, /Assuming (?<nopch>no PCH)/],
    severity: 'info',
    title:
      'i915 guessed the PCH: the VM shows no Intel ISA/LPC bridge, so it assumed the PCH usual for this CPU (can be wrong)',
    cause:
      "i915 looks for the platform controller hub (PCH, the chipset whose display ports, hotplug and GMBUS its display code drives) through the ISA/LPC bridge. In a VM with the iGPU passed through there is no real one: it finds only QEMU's emulated bridge (PIIX3 on i440fx, ICH9's LPC on q35) or none, recognises it as virtual and makes a guess from the graphics platform — the PCH generation usually paired with this CPU. The line alone is harmless. The guess can be wrong: several CPU generations sit on more than one chipset generation (a desktop CPU on a newer or older 400/500/600-series board), and with a wrong PCH type the display code drives the ports of the wrong chipset, so the physical display outputs stay dark or are not detected while the GPU itself works",
    fix: "if the iGPU's outputs work, nothing to do. If they stay dark, compare the guess with the host's real ISA bridge (`lspci -nn -s 00:1f.0` on the host: the PCH ID is its device ID masked with ff80) and let the guest see the host's bridge IDs: with QEMU on an i440fx machine, legacy IGD mode (the iGPU at guest address 00:02.0 with a ROM) or x-igd-lpc=on copies the host's LPC bridge and host bridge IDs into the guest (docs/igd-assign.txt; it is not offered on q35, whose ICH9 LPC bridge is already there)",
    refine: (f) =>
      f.nopch
        ? {
            title: 'i915 found no PCH to use in this VM and assumed none',
            cause:
              'i915 found no usable ISA/LPC bridge and, for this graphics platform, no PCH to assume; it runs as if the platform had none. On platforms whose display ports sit on the PCH the outputs then do not work; otherwise harmless',
          }
        : undefined,
    render: render('i915 0000:00:02.0: [drm:intel_virt_detect_pch [i915]] ', 0x9d80),
    examples: [
      ex('[    3.104512] i915 0000:00:02.0: [drm:intel_virt_detect_pch [i915]] Assuming PCH ID a080', {
        pchid: 'a080',
      }),
      ex('[drm:intel_virt_detect_pch [i915]] Assuming no PCH', { nopch: 'no PCH' }),
    ],
  },
  {
    id: 'kernel.iavf-max-vlan-filters',
    source: 'kernel',
    cite: 'torvalds/linux drivers/net/ethernet/intel/iavf/iavf_main.c iavf_vlan_rx_add_vid(), iavf_max_vlans_added(); the VLAN 0 request from net/8021q/vlan.c vlan_device_event() ("adding VLAN 0 to HW filter on device %s")',
    format:
      'Max allowed VLAN filters %u. Remove existing VLANs or disable filtering via Ethtool if supported.\n',
    versions:
      'netdev_err; since "iavf: do not track VLAN 0 filters" (Linux 6.3, in the 6.2 stable series too) a VLAN 0 request returns before the check and never prints this',
    endsOn: ['Max allowed VLAN filters'],
    patterns: [
      /adding VLAN (?<vid>0) to HW filter on device [\w.@-]{1,24}\n(?:[^\n]{0,200}\n)?[^\n]{0,120}Max allowed VLAN filters (?<max>\d{1,5})\./,
      /Max allowed VLAN filters (?<max>\d{1,5})\. Remove existing VLANs/,
    ],
    severity: 'warning',
    title: 'iavf (an Intel VF) refused a VLAN filter: the VF already has as many as the PF allows',
    cause:
      "in the VF's driver (inside a guest, or on the host for a VF kept there): something asked iavf to add a VLAN filter (a VLAN interface created on the VF, or the 8021q core) while the VF already holds the maximum number of filters its PF granted (with the VLAN V2 offload negotiation the PF, e.g. ice, sets a small limit per VF; the old negotiation has no limit), so iavf refuses it with -EIO and traffic on that VLAN is not received. The count includes every VLAN ID added on the VF",
    fix: 'remove VLAN interfaces you do not need on the VF (`ip link del`), or turn VLAN filtering off on it (`ethtool -K IFACE rx-vlan-filter off`, where the PF allows it); with several VLANs per VF, tag on the PF side (`ip link set PF vf N vlan ID`)',
    refine: (f) =>
      f.vid === '0'
        ? {
            severity: 'info',
            title: 'iavf refused VLAN 0 at the limit of VLAN filters: harmless',
            cause:
              'the 8021q core asks every VLAN-filtering interface for a VLAN 0 filter when it comes up (for priority-tagged frames); iavf counted that request against the VF\'s limit and refused it because the VF already holds its maximum of real VLANs. Harmless: the PF installs the VLAN 0 filter for the VF itself when the VF is set up, so nothing is lost; kernels with "iavf: do not track VLAN 0 filters" (Linux 6.3, and 6.2 stable) no longer count or print it',
            fix: 'nothing to do; update the guest kernel to silence it',
          }
        : undefined,
    render: render('iavf 0000:00:05.0 eth1: ', 8),
    examples: [
      ex(
        'iavf 0000:06:02.0 ens6: Max allowed VLAN filters 16. Remove existing VLANs or disable filtering via Ethtool if supported.',
        {
          max: '16',
        },
      ),
      ex(
        '[  81.201933] 8021q: adding VLAN 0 to HW filter on device ens9\n[  81.201950] iavf 0000:00:09.0 ens9: Max allowed VLAN filters 4. Remove existing VLANs or disable filtering via Ethtool if supported.',
        { vid: '0', max: '4' },
      ),
    ],
  },
];
