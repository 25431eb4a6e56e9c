/**
 * The VM spec (docs/vm.md): one YAML file that `config qemu` and `config libvirt` both render.
 * Defined once here with valibot; the JSON Schema in docs/schema/vm-spec.json is generated from
 * this definition (scripts/vm-schema.ts), so the two cannot drift apart. Pure: no file access.
 *
 * Objects are strict: an unknown key is an error, because a misspelt key (`hugepage:`) that was
 * silently ignored would give a VM without what the user asked for.
 */
import * as v from 'valibot';

/** Sizes as QEMU takes them (`-m 16G`): a number and a binary unit. */
export const SIZE_RE = /^[1-9]\d{0,15}(\.\d{1,3})?\s*[KMGTkmgt](iB|B)?$/;
const Size = v.pipe(
  v.string('expected a size like 16G'),
  v.regex(SIZE_RE, 'expected a size like 16G'),
  v.description('a size with a binary unit: 512M, 16G, 16GiB'),
);

/** A host CPU list as the kernel prints it (Documentation/admin-guide/cputopology.rst): 0-3,8,10-11. */
export const CPU_LIST_RE = /^\d{1,4}(-\d{1,4})?(,\d{1,4}(-\d{1,4})?)*$/;
const CpuList = v.pipe(
  v.union(
    [
      v.pipe(v.string(), v.regex(CPU_LIST_RE)),
      v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999)),
    ],
    'expected a host CPU list like 2-3,8',
  ),
  v.description('host CPUs in the kernel list format: 2-3,8 (or one CPU number)'),
);

const count = (what: string, max: number) =>
  v.pipe(
    v.number(`expected a whole number of ${what}`),
    v.integer(`expected a whole number of ${what}`),
    v.minValue(1, `expected at least 1 ${what.replace(/s$/, '')}`),
    v.maxValue(max, `at most ${max} ${what}`),
  );

/** An absolute path without NUL or newline (neither tool can take them in a path). */
const ABSOLUTE_PATH_RE = /^\/[^\0\n]*$/;

/** A PCI address as sysfs and lspci write it: 0000:01:00.0 or 01:00.0. */
export const PCI_ADDRESS_RE = /^([0-9a-fA-F]{4,8}:)?[0-9a-fA-F]{2}:[0-1][0-9a-fA-F]\.[0-7]$/;
export const PCI_ID_RE = /^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/;

const Device = v.strictObject({
  address: v.optional(
    v.pipe(
      v.string('expected a PCI address like 0000:01:00.0'),
      v.regex(PCI_ADDRESS_RE, 'expected a PCI address like 0000:01:00.0'),
      v.description('the host PCI address: 0000:01:00.0'),
    ),
  ),
  id: v.optional(
    v.pipe(
      v.string('expected vendor:device like 10de:2484'),
      v.regex(PCI_ID_RE, 'expected vendor:device like 10de:2484'),
      v.description('vendor:device; must match exactly one device on the host'),
    ),
  ),
  gpuOfGroup: v.optional(
    v.pipe(
      v.number('expected an IOMMU group number'),
      v.integer('expected an IOMMU group number'),
      v.minValue(0, 'expected an IOMMU group number'),
      v.description('the display controller of this IOMMU group'),
    ),
  ),
  functions: v.optional(
    v.pipe(
      v.picklist(['all', 'this'], "expected 'all' or 'this'"),
      v.description(
        "for a GPU: 'all' (default) assigns the other functions of its slot (HDMI audio, USB-C) as functions of the same guest slot",
      ),
    ),
  ),
  display: v.optional(
    v.pipe(
      v.picklist(['none', 'primary', 'vga'], "expected 'none', 'primary' or 'vga'"),
      v.description(
        "for a GPU: 'primary' (legacy-free, the guest's display through OVMF), 'vga' (x-vga=on, legacy VGA ranges routed to it) or 'none' (a secondary GPU)",
      ),
    ),
  ),
  romfile: v.optional(
    v.pipe(
      v.string('expected an absolute file path'),
      v.regex(ABSOLUTE_PATH_RE, 'expected an absolute file path'),
      v.description(
        "an option ROM file given to the guest instead of the device's own (absolute: QEMU looks a relative name up in its own firmware directory, libvirt refuses it)",
      ),
    ),
  ),
  rombar: v.optional(
    v.pipe(v.boolean('expected true or false'), v.description('false hides the ROM BAR from the guest')),
  ),
  igd: v.optional(
    v.pipe(
      v.picklist(['legacy', 'upt'], "expected 'legacy' or 'upt'"),
      v.description(
        "for an Intel IGD (QEMU docs/igd-assign.txt): 'legacy' (the guest's only display, at guest 00:02.0 of an i440fx machine, physical outputs) or 'upt' (a secondary device next to the emulated display)",
      ),
    ),
  ),
  opregion: v.optional(
    v.pipe(
      v.boolean('expected true or false'),
      v.description('igd: upt only: give the guest the OpRegion (x-igd-opregion=on) for physical outputs'),
    ),
  ),
});

const Disk = v.strictObject({
  file: v.pipe(
    v.string('expected an absolute file path'),
    v.regex(ABSOLUTE_PATH_RE, 'expected an absolute file path'),
    v.description('the disk image (absolute, as libvirt requires)'),
  ),
  format: v.optional(v.picklist(['raw', 'qcow2'], "expected 'raw' or 'qcow2'")),
  bus: v.optional(v.picklist(['virtio', 'sata'], "expected 'virtio' or 'sata'")),
  cdrom: v.optional(v.boolean('expected true or false')),
});

const MAC_RE = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;
const Nic = v.strictObject({
  type: v.picklist(['user', 'bridge'], "expected 'user' or 'bridge'"),
  bridge: v.optional(
    v.pipe(
      v.string('expected a bridge name'),
      v.regex(/^[A-Za-z0-9_.:-]{1,15}$/, 'expected a bridge name like br0'),
    ),
  ),
  model: v.optional(v.picklist(['virtio', 'e1000e'], "expected 'virtio' or 'e1000e'")),
  mac: v.optional(
    v.pipe(
      v.string('expected a MAC address'),
      v.regex(MAC_RE, 'expected a MAC address like 52:54:00:12:34:56'),
    ),
  ),
});

/** QEMU's input-linux grab-toggle values (qapi/common.json GrabToggleKeys). */
export const GRAB_TOGGLES = [
  'ctrl-ctrl',
  'alt-alt',
  'shift-shift',
  'meta-meta',
  'scrolllock',
  'ctrl-scrolllock',
] as const;

const EVDEV_RE = /^\/dev\/input\/[^\0\s]+$/;
const Evdev = v.pipe(
  v.string('expected a /dev/input path'),
  v.regex(EVDEV_RE, 'expected a /dev/input/... path'),
);

export const VmSpecSchema = v.pipe(
  v.strictObject({
    name: v.pipe(
      v.string('expected a name'),
      v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'expected a name of letters, digits, . _ - (at most 63)'),
      v.description('the VM name (libvirt <name>, QEMU -name)'),
    ),
    machine: v.optional(
      v.pipe(
        v.picklist(['q35', 'i440fx'], "expected 'q35' or 'i440fx'"),
        v.description('q35 (default, PCIe) or i440fx (conventional PCI)'),
      ),
    ),
    memory: Size,
    hugepages: v.optional(
      v.pipe(
        v.picklist(['2M', '1G'], "expected '2M' or '1G'"),
        v.description('back guest RAM with hugepages of this size'),
      ),
    ),
    cpu: v.strictObject({
      sockets: v.optional(count('sockets', 16)),
      cores: count('cores', 512),
      threads: v.optional(count('threads', 8)),
      model: v.optional(
        v.pipe(
          v.string('expected a CPU model'),
          v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'expected a CPU model like host or EPYC'),
          v.description("'host' (default: the host CPU, libvirt host-passthrough) or a QEMU CPU model name"),
        ),
      ),
      flags: v.optional(
        v.array(
          v.pipe(
            v.string('expected a CPU flag like +topoext'),
            v.regex(/^[+-][a-z0-9][a-z0-9_.-]{0,63}$/, 'expected a CPU flag like +topoext or -hypervisor'),
          ),
          'expected a list of CPU flags',
        ),
      ),
      pin: v.optional(
        v.union(
          [
            v.pipe(
              v.literal('auto'),
              v.description(
                "'auto': vcpupin/emulatorpin/iothreadpin planned from the host's CPU topology (SMT siblings, L3 groups, the GPU's NUMA node)",
              ),
            ),
            v.strictObject({
              vcpus: v.array(CpuList, 'expected a list of host CPU lists, one per vCPU'),
              emulator: v.optional(CpuList),
              iothreads: v.optional(
                v.array(CpuList, 'expected a list of host CPU lists, one per I/O thread'),
              ),
            }),
          ],
          "expected 'auto' or a mapping with vcpus (and emulator, iothreads)",
        ),
      ),
    }),
    firmware: v.optional(
      v.strictObject({
        type: v.picklist(['ovmf', 'seabios'], "expected 'ovmf' or 'seabios'"),
        secureBoot: v.optional(v.boolean('expected true or false')),
        vars: v.optional(
          v.pipe(
            v.string('expected a file path'),
            v.regex(/^\/[^\0]*$/, 'expected an absolute file path'),
            v.description("this VM's own copy of the UEFI variable store"),
          ),
        ),
      }),
    ),
    devices: v.optional(v.array(Device, 'expected a list of devices')),
    hideHypervisor: v.optional(
      v.pipe(v.boolean('expected true or false'), v.description('kvm=off / <kvm><hidden state=on/>')),
    ),
    hyperv: v.optional(
      v.strictObject({
        vendorId: v.optional(
          v.pipe(
            v.string('expected up to 12 characters'),
            v.regex(/^[A-Za-z0-9]{1,12}$/, 'expected 1 to 12 letters or digits'),
          ),
        ),
      }),
    ),
    disks: v.optional(v.array(Disk, 'expected a list of disks')),
    network: v.optional(v.array(Nic, 'expected a list of network interfaces')),
    display: v.optional(
      v.strictObject({
        type: v.picklist(['none', 'spice'], "expected 'none' or 'spice'"),
        port: v.optional(
          v.pipe(
            v.number('expected a TCP port'),
            v.integer('expected a TCP port'),
            v.minValue(1),
            v.maxValue(65535),
          ),
        ),
        lookingGlass: v.optional(
          v.strictObject({
            width: count('pixels', 16384),
            height: count('pixels', 16384),
            hdr: v.optional(v.boolean('expected true or false')),
          }),
        ),
      }),
    ),
    input: v.optional(
      v.strictObject({
        keyboard: v.optional(Evdev),
        mouse: v.optional(Evdev),
        grabToggle: v.optional(v.picklist(GRAB_TOGGLES, `expected one of ${GRAB_TOGGLES.join(', ')}`)),
      }),
    ),
  }),
  v.title('vfiokit VM spec'),
  v.description('One VM, rendered by `vfiokit config qemu` and `vfiokit config libvirt` (docs/vm.md).'),
);

export type VmSpec = v.InferOutput<typeof VmSpecSchema>;
export type VmSpecDevice = NonNullable<VmSpec['devices']>[number];
