/**
 * VmModel → the QEMU command line (qemu-system-x86_64 7.2 and later). Option names from QEMU's
 * documentation: -device vfio-pci (host=, x-vga=, romfile=, rombar=, multifunction=),
 * pcie-root-port (chassis=, port=), memory-backend-memfd (hugetlb=, hugetlbsize=: hugepages
 * without a hugetlbfs mount of each size), -drive if=pflash for OVMF's code and variable store,
 * input-linux (evdev=, grab_all=, grab-toggle=), ivshmem-plain with a shared file backend.
 *
 * -nodefaults: no default NIC, VGA, floppy or CD-ROM, so the guest has exactly what the model
 * says (the libvirt side says the same with <memballoon model='none'/> and no USB controller).
 */
import type { GuestPciAddress, VmModel } from './model.js';

const hex = (n: number) => `0x${n.toString(16)}`;

/** bus=…,addr=… for -device (addr=SLOT.FN). */
function at(a: GuestPciAddress): string {
  return `bus=${a.bus},addr=${hex(a.slot)}.${hex(a.fn)}${a.multifunction ? ',multifunction=on' : ''}`;
}

/** QEMU's option syntax escapes a comma inside a value by doubling it. */
const val = (s: string) => s.replace(/,/g, ',,');

/** A size in QEMU's notation: G when whole gibibytes, else M. */
const mib = (n: number) => (n % 1024 ** 3 === 0 ? `${n / 1024 ** 3}G` : `${n / 1024 ** 2}M`);

export interface QemuCommand {
  argv: string[];
  /** What a command line cannot do by itself: pinning threads after start, the vars store copy. */
  notes: string[];
}

/** The QEMU command line in argument order; each step returns its options. */
export function renderQemu(m: VmModel): QemuCommand {
  const notes: string[] = [];
  const argv = [
    'qemu-system-x86_64',
    ...machineArgs(m),
    ...firmwareArgs(m, notes),
    ...(m.cpu.hyperv ? ['-rtc', 'base=localtime'] : []),
    ...pciArgs(m),
    ...diskArgs(m),
    ...nicArgs(m),
    ...displayArgs(m),
  ];
  if (m.pin) notes.push(pinNote(m.pin));
  return { argv, notes };
}

/** The machine, the CPU model with its flags and enlightenments, the topology and the RAM backend. */
function machineArgs(m: VmModel): string[] {
  const a: string[] = [];
  // debug-threads=on names vCPU threads "CPU n/KVM", so they can be found and pinned.
  a.push('-name', `${val(m.name)},debug-threads=on`);
  const machine = [m.machine === 'q35' ? 'q35' : 'pc', 'accel=kvm'];
  if (m.firmware.kind === 'ovmf' && m.firmware.smm) machine.push('smm=on');
  machine.push('memory-backend=pc.ram');
  a.push('-machine', machine.join(','));
  a.push('-nodefaults', '-no-user-config');

  const cpu = [m.cpu.model];
  if (m.cpu.kvmHidden) cpu.push('kvm=off');
  if (m.cpu.hyperv) {
    // The enlightenments libvirt's and QEMU's docs (docs/system/i386/hyperv.rst) recommend for Windows.
    cpu.push(
      'hv_relaxed',
      'hv_vapic',
      'hv_spinlocks=0x1fff',
      'hv_vpindex',
      'hv_synic',
      'hv_stimer',
      'hv_reset',
      'hv_frequencies',
      'hv_time',
    );
    if (m.cpu.hyperv.vendorId) cpu.push(`hv_vendor_id=${m.cpu.hyperv.vendorId}`);
  }
  cpu.push(...m.cpu.flags);
  a.push('-cpu', cpu.join(','));
  a.push('-smp', `${m.cpu.vcpus},sockets=${m.cpu.sockets},cores=${m.cpu.cores},threads=${m.cpu.threads}`);

  a.push('-m', mib(m.memoryBytes));
  const ram = [`memory-backend-memfd,id=pc.ram,size=${mib(m.memoryBytes)}`];
  if (m.hugepageBytes) ram.push('hugetlb=on', `hugetlbsize=${mib(m.hugepageBytes)}`, 'prealloc=on');
  a.push('-object', ram.join(','));
  return a;
}

/** OVMF's code and variable flash (SeaBIOS is the default and needs none). */
function firmwareArgs(m: VmModel, notes: string[]): string[] {
  const a: string[] = [];
  if (m.firmware.kind === 'ovmf') {
    a.push(
      '-drive',
      `if=pflash,format=${m.firmware.codeFormat},unit=0,file=${val(m.firmware.code)},readonly=on`,
    );
    a.push('-drive', `if=pflash,format=raw,unit=1,file=${val(m.firmware.vars)}`);
    // The secure-boot builds refuse to boot unless flash writes are limited to SMM.
    if (m.firmware.smm) a.push('-global', 'driver=cfi.pflash01,property=secure,value=on');
    notes.push(
      `the variable store ${m.firmware.vars} must exist before the first start: cp ${m.firmware.varsTemplate} ${m.firmware.vars}`,
    );
  }
  return a;
}

/** I/O threads, PCIe root ports and the assigned host devices. */
function pciArgs(m: VmModel): string[] {
  const a: string[] = [];
  for (let i = 1; i <= m.iothreads; i++) a.push('-object', `iothread,id=iothread${i}`);
  for (const p of m.rootPorts)
    a.push(
      '-device',
      `pcie-root-port,id=pci.${p.index},chassis=${p.chassis},port=${hex(p.port)},${at(p.addr)}`,
    );

  for (const h of m.hostdevs) {
    const o = [`vfio-pci,host=${h.host},id=${h.alias}`, at(h.guest)];
    if (h.xVga) o.push('x-vga=on');
    if (h.romfile !== undefined) o.push(`romfile=${val(h.romfile)}`);
    if (h.rombar === false) o.push('rombar=0');
    // Legacy mode needs no option: QEMU 10 enables it for an IGD at 00:02.0 of an i440fx machine.
    if (h.igd?.opregion) o.push('x-igd-opregion=on');
    a.push('-device', o.join(','));
  }
  return a;
}

/** Each disk's drive and its virtio or IDE device. */
function diskArgs(m: VmModel): string[] {
  const a: string[] = [];
  for (const d of m.disks) {
    a.push(
      '-drive',
      `file=${val(d.file)},format=${d.format},if=none,id=drive-${d.id}${d.cdrom ? ',media=cdrom,readonly=on' : ''}`,
    );
    if (d.bus === 'virtio' && d.guest)
      a.push(
        '-device',
        `virtio-blk-pci,drive=drive-${d.id},id=${d.id},${at(d.guest)}${d.iothread ? `,iothread=iothread${d.iothread}` : ''}`,
      );
    else if (d.drive)
      a.push(
        '-device',
        `${d.cdrom ? 'ide-cd' : 'ide-hd'},drive=drive-${d.id},id=${d.id},bus=ide.${d.drive.bus}${d.bus === 'ide' ? `,unit=${d.drive.unit}` : ''}`,
      );
  }
  return a;
}

/** Each NIC's backend and device. */
function nicArgs(m: VmModel): string[] {
  const a: string[] = [];
  for (const n of m.nics) {
    a.push('-netdev', n.type === 'user' ? `user,id=${n.id}` : `bridge,id=${n.id},br=${n.bridge}`);
    a.push(
      '-device',
      `${n.model === 'virtio' ? 'virtio-net-pci' : 'e1000e'},netdev=${n.id},id=nic-${n.id},mac=${n.mac},${at(n.guest)}`,
    );
  }
  return a;
}

/** The display (SPICE with QXL, or none), the ivshmem region and evdev input. */
function displayArgs(m: VmModel): string[] {
  const a: string[] = [];
  a.push('-display', 'none');
  if (m.display.type === 'spice') {
    a.push('-spice', `port=${m.display.port},addr=127.0.0.1,disable-ticketing=on`);
    a.push('-device', `qxl-vga,id=video0,${at(m.display.video)}`);
  } else a.push('-vga', 'none');

  if (m.ivshmem) {
    a.push(
      '-object',
      `memory-backend-file,id=${m.ivshmem.name},mem-path=${m.ivshmem.path},size=${mib(m.ivshmem.sizeBytes)},share=on`,
    );
    a.push('-device', `ivshmem-plain,id=shmem0,memdev=${m.ivshmem.name},${at(m.ivshmem.guest)}`);
  }

  if (m.input.keyboard)
    a.push(
      '-object',
      `input-linux,id=kbd0,evdev=${val(m.input.keyboard)},grab_all=on,repeat=on${m.input.grabToggle ? `,grab-toggle=${m.input.grabToggle}` : ''}`,
    );
  if (m.input.mouse) a.push('-object', `input-linux,id=mouse0,evdev=${val(m.input.mouse)}`);
  return a;
}

/** The thread pinning a command line cannot do: what to pin after start. */
function pinNote(pin: NonNullable<VmModel['pin']>): string {
  // A command line cannot pin threads: QEMU starts them. With debug-threads=on they are named,
  // and `taskset -pc CPUS TID` pins each one after start (libvirt does the same through cgroups).
  return `pin after start (threads named by debug-threads=on): ${pin.vcpus.map((c, i) => `"CPU ${i}/KVM"→${c}`).join(', ')}${pin.emulator ? `; the main thread (emulator)→${pin.emulator}` : ''}${pin.iothreads.length ? `; ${pin.iothreads.map((c, i) => `iothread${i + 1}→${c}`).join(', ')}` : ''}`;
}

/** One argument for a POSIX shell: left bare when it is plain, else single-quoted. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command as a shell script line, one option with its value per line. */
export function formatQemuShell(argv: readonly string[]): string {
  const lines: string[] = [shellQuote(argv[0])];
  for (let i = 1; i < argv.length; i++) {
    const opt = argv[i];
    const next = argv[i + 1];
    if (opt.startsWith('-') && next !== undefined && !next.startsWith('-')) {
      lines.push(`${shellQuote(opt)} ${shellQuote(next)}`);
      i++;
    } else lines.push(shellQuote(opt));
  }
  return lines.join(' \\\n  ');
}
