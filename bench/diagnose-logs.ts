// The logs the diagnose benches read, written the same way by each: the realistic one (kernel,
// journal and libvirt/QEMU lines in their usual prefixes, one VFIO message in 5,000 lines) and the
// adversarial ones (bench/diagnose.bench.ts). Generated on demand, never committed.
import * as fs from 'node:fs';

export const MB = 1024 * 1024;

export const REALISTIC = [
  '[ 1234.567890] usb 1-1: new high-speed USB device number 2 using xhci_hcd',
  'Dec 01 10:00:00 host kernel: pci 0000:00:1c.0: [8086:a33c] type 01 class 0x060400',
  'Dec 01 10:00:00 host kernel: pcieport 0000:00:1c.0: PME: Signaling with IRQ 122',
  'Dec 01 10:00:01 host systemd[1]: Started libvirtd.service - libvirt legacy monolithic daemon.',
  '2024-01-01 10:00:00.000+0000: 1234: info : virObjectRef:402 : OBJECT_REF: obj=0x7f1c2c0032b0',
  'Dec 01 10:00:02 host NetworkManager[812]: <info>  [1733047202.1234] device (virbr0): state change: disconnected -> prepare',
  '[    5.140511] vfio-pci 0000:01:00.0: vgaarb: changed VGA decodes: olddecodes=io+mem,decodes=io+mem:owns=none',
  "2022-07-12T22:08:31.781466Z qemu-system-x86_64: warning: host doesn't support requested feature: CPUID.80000001H:ECX.svm [bit 2]",
];
export const VFIO = [
  "[    5.140511] vfio-pci 0000:01:00.0: BAR 1: can't reserve [mem 0xe0000000-0xefffffff 64bit pref]",
  'Dec 01 10:00:03 host libvirtd[900]: internal error: qemu unexpectedly closed the monitor: 2022-07-12T22:08:31.781466Z qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,id=hostdev0: vfio 0000:01:00.0: group 1 is not viable',
  '[  201.112233] DMAR: [DMA Read NO_PASID] Request device [00:02.0] fault addr 0x7f800000 [fault reason 0x06] PTE Read access is not set',
];

/** Line i of the realistic log. */
export function realisticLine(i: number): string {
  return i % 5000 === 4999 ? VFIO[((i / 5000) % VFIO.length) | 0] : REALISTIC[i % REALISTIC.length];
}

/** Writes lines lineAt(0), lineAt(1), ... until the file holds at least `size` bytes. */
export function writeLog(file: string, size: number, lineAt: (i: number) => string): void {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let i = 0;
  while (written < size) {
    const chunk: string[] = [];
    for (let k = 0; k < 2000; k++, i++) chunk.push(lineAt(i));
    const s = `${chunk.join('\n')}\n`;
    fs.writeSync(fd, s);
    written += Buffer.byteLength(s);
  }
  fs.closeSync(fd);
}
