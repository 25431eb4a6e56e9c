/**
 * When the class a device's config space holds is the class the kernel shows for it.
 *
 * The `class` attribute prints pdev->class (drivers/pci/pci-sysfs.c class_show). The kernel sets
 * it from the same config dword a reader of the `config` attribute sees (drivers/pci/probe.c
 * pci_setup_device: `class = pci_class(dev); dev->class = class >> 8`, read through the same bus
 * operations as a sysfs config read), and then only these change it:
 * - pci_setup_device itself, when the header type and the class disagree (after the early
 *   fixups): "ignoring class %#08x (doesn't match header type %02x)" and the class becomes
 *   0x000000. Header type 0 with class 0604 and header type 2 without class 0607 on every kernel;
 *   header type 1 without class 0604 on kernels before about 5.4.
 * - An SR-IOV VF's class is VF 0's (drivers/pci/iov.c pci_read_vf_config_common, since 4.17;
 *   pci_class() returns physfn->sriov->class), not read from the VF itself (vfClass).
 * - Fixups in drivers/pci/quirks.c that assign pdev->class, each for the vendor:device IDs in
 *   KERNEL_CLASS_FIXUPS below (read from a v6.19 tree; none in arch/x86/pci/fixup.c).
 * - A driver writing a class-shadow register after enumeration: ahci_mcp89_apple_enable
 *   (drivers/ata/ahci.c) on NVIDIA MCP89 SATA in Apple machines (subsystem 106b:cb89) makes config
 *   read AHCI while pdev->class keeps the class found at boot.
 * - Other architectures' PCI fixups and host-controller drivers (arm, arm64, powerpc, mips: host
 *   bridges and root ports with a wrong class), which this list does not follow.
 *
 * A scan of the live host (host/pci-sysfs.ts) takes the class from config space when
 * classFromConfig() says it is the kernel's, and reads the `class` attribute otherwise: on a
 * 4,096-function host the attribute was three of a device's seven system calls.
 */

/** quirks.c fixups that assign pdev->class: vendor → device IDs. */
const KERNEL_CLASS_FIXUPS: ReadonlyMap<number, ReadonlySet<number>> = new Map([
  // quirk_amd_dwc_class (once quirk_amd_nl_class): 0c0330 → 0c03fe on AMD NL and Van Gogh USB.
  // quirk_amd_ide_mode: 0101xx → 010601 on SB600/700/Hudson-2 SATA in IDE mode (config written too,
  // and again on resume).
  [0x1022, new Set([0x7912, 0x163a, 0x7800, 0x7900])],
  [0x1002, new Set([0x4380, 0x4390])],
  // quirk_synopsys_haps: 0c0330 → 0c03fe on Synopsys HAPS USB (devices abcd-abcf).
  [0x16c3, new Set([0xabcd, 0xabce, 0xabcf])],
  // quirk_svwks_csb5ide: the prog-if's native-mode bits cleared (ServerWorks CSB5 IDE).
  [0x1166, new Set([0x0212])],
  // quirk_ide_samemode (82801CA IDE); quirk_eisa_bridge (82375 EISA bridge → 060200).
  [0x8086, new Set([0x248a, 0x0482])],
  // quirk_jmicron_ata: rewrites config and reads the class again (JMicron 2360-2369).
  [0x197b, new Set([0x2360, 0x2361, 0x2362, 0x2363, 0x2364, 0x2365, 0x2366, 0x2368, 0x2369])],
  // quirk_netmos: 0700xx → 0780xx on NetMos serial/parallel combos.
  [0x9710, new Set([0x9735, 0x9745, 0x9835, 0x9845, 0x9855])],
  // fixup_rev1_53c810: class 000000 → 010000 (NCR 53C810 rev 1).
  [0x1000, new Set([0x0001])],
  // fixup_ti816x_class: 0000xx → 040000 (TI816x).
  [0x104c, new Set([0xb800])],
  // quirk_tw686x_class: 0000xx → 048001 (Techwell TW686x).
  [0x1797, new Set([0x6864, 0x6865, 0x6868, 0x6869])],
  // apex_pci_fixup_class: 0000xx → 0880xx (Google Apex/Coral).
  [0x1ac1, new Set([0x089a])],
]);

/** What classFromConfig needs of a device besides its config bytes. */
export interface ClassContext {
  vendorId: number;
  deviceId: number;
  subsystemVendorId?: number;
  subsystemDeviceId?: number;
}

/**
 * The 24-bit class the kernel shows for this device (its `class` attribute), when its config
 * space alone says it; undefined when the kernel may have changed it (read the attribute then).
 * For an SR-IOV VF this is only half the answer: see vfClass.
 */
export function classFromConfig(config: Uint8Array, d: ClassContext): number | undefined {
  if (config.length < 0x0f) return undefined;
  const cls = (config[0x0b] << 16) | (config[0x0a] << 8) | config[0x09];
  const base = cls >> 8;
  const header = config[0x0e] & 0x7f;
  // A function that does not answer reads all ones; the attribute holds what it was at boot. (Not
  // the ID registers: a VF's read 0xffff, SR-IOV 3.4.1.1-2.)
  if (cls === 0xffffff) return undefined;
  if (header === 0 ? base === 0x0604 : header === 1 ? base !== 0x0604 : header !== 2 || base !== 0x0607)
    return undefined;
  if (KERNEL_CLASS_FIXUPS.get(d.vendorId)?.has(d.deviceId)) return undefined;
  if (d.vendorId === 0x10de && d.subsystemVendorId === 0x106b && d.subsystemDeviceId === 0xcb89)
    return undefined;
  return cls;
}

/**
 * An SR-IOV VF's class: the kernel reads VF 0's config once and gives every VF of the PF that
 * class (since 4.17); before, each VF's own. Known only when the two agree: this VF's class from
 * its own config (`own`) and VF 0's (`vf0`), each as classFromConfig gives it.
 */
export function vfClass(own: number | undefined, vf0: number | undefined): number | undefined {
  return own !== undefined && own === vf0 ? own : undefined;
}
