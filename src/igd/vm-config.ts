/**
 * What a VM definition needs for each IGD mode, as data for the VM spec to render (QEMU
 * docs/igd-assign.txt "Usage", hw/vfio/igd.c QEMU 10 properties x-igd-opregion, x-igd-lpc,
 * x-igd-legacy-mode, x-igd-gms). Legacy: the IGD at guest 00:02.0 on the root bus of an i440fx
 * machine, no other display, nothing at 00:1f.0. UPT: any other address, emulated display kept,
 * optionally the OpRegion for physical outputs.
 */

export type IgdMode = 'legacy' | 'upt';

export interface IgdVmOptions {
  /** Host address of the IGD (default 0000:00:02.0). */
  host?: string;
  /** UPT: give the guest the OpRegion (x-igd-opregion=on) for physical outputs. */
  opregion?: boolean;
  /** A VBIOS / IGD option ROM file (romfile=). */
  romFile?: string;
  /** UPT: the guest slot (default 0x3; never 0x2, which means legacy to QEMU). */
  uptSlot?: number;
}

export interface IgdVmConfig {
  mode: IgdMode;
  /** QEMU options besides the device (machine, display). */
  qemuArgs: string[];
  /** The -device value for the IGD. */
  qemuDevice: string;
  /** libvirt: the <hostdev> element and what else the domain needs. */
  libvirtHostdev: string;
  libvirtNotes: string[];
}

export function igdVmConfig(mode: IgdMode, opts: IgdVmOptions = {}): IgdVmConfig {
  const host = opts.host ?? '0000:00:02.0';
  const [, bus, slotFn] = host.split(':');
  const [slot, fn] = slotFn.split('.');
  const rom = opts.romFile ? `,romfile=${opts.romFile}` : '';
  const source = `<source><address domain='0x0000' bus='0x${bus}' slot='0x${slot}' function='0x${fn}'/></source>`;
  const romXml = opts.romFile ? `<rom file='${opts.romFile}'/>` : '';
  if (mode === 'legacy') {
    return {
      mode,
      qemuArgs: ['-machine', 'pc', '-nographic', '-vga', 'none'],
      qemuDevice: `vfio-pci,host=${host},id=hostdev0,bus=pci.0,addr=0x2${rom}`,
      libvirtHostdev: `<hostdev mode='subsystem' type='pci' managed='no'>${source}${romXml}<address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/></hostdev>`,
      libvirtNotes: [
        "machine type pc-i440fx-* (<type machine='pc'>): QEMU 10 enables legacy mode only on i440fx",
        "no <graphics> and <video><model type='none'/></video>: the IGD is the only display",
        "managed='no' with the device detached beforehand (virsh nodedev-detach) keeps i915 from binding it again",
      ],
    };
  }
  const slotNo = opts.uptSlot ?? 3;
  if (slotNo === 2) throw new RangeError('UPT mode needs a guest slot other than 02');
  const slotHex = `0x${slotNo.toString(16)}`;
  return {
    mode,
    qemuArgs: [],
    qemuDevice: `vfio-pci,host=${host},id=hostdev0,addr=${slotHex}${opts.opregion ? ',x-igd-opregion=on' : ''}${rom}`,
    libvirtHostdev: `<hostdev mode='subsystem' type='pci' managed='yes'>${source}${romXml}<address type='pci' domain='0x0000' bus='0x00' slot='0x${slotNo.toString(16).padStart(2, '0')}' function='0x0'/></hostdev>`,
    libvirtNotes: [
      'keep the emulated display: UPT mode makes the IGD a secondary device',
      ...(opts.opregion
        ? [
            "x-igd-opregion=on has no libvirt element: add it with <qemu:override><qemu:device alias='hostdev0'><qemu:frontend><qemu:property name='x-igd-opregion' type='bool' value='true'/></qemu:frontend></qemu:device></qemu:override>",
          ]
        : []),
    ],
  };
}
