/**
 * QEMU command lines that name something that is not there: an object type this QEMU does not have
 * (-object iommufd on a QEMU before 8.2), a device option pointing at an object id no -object
 * defines (ivshmem-plain,memdev= without the memory backend Looking Glass needs), a chardev/netdev/
 * drive property naming an id that was never defined. Users write these lines by hand from guides
 * written for another QEMU. test/unit/diagnose-qemu-cmdline-sweep.test.ts runs the QEMU this
 * machine has (Debian's, installed for the lab) to print each message.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

/** Object types users add for passthrough, with the QEMU release that brought them. */
const OBJECT_SINCE: Record<string, string> = {
  iommufd:
    'the iommufd backend (-object iommufd, with vfio-pci,iommufd=ID) came in QEMU 8.2; older QEMU assigns devices through the legacy VFIO container only, which needs no object',
  'sev-snp-guest': 'SEV-SNP guests (-object sev-snp-guest) came in QEMU 9.1',
  'thread-context': 'thread-context objects (NUMA-aware preallocation) came in QEMU 7.2',
  'memory-backend-memfd':
    'memory-backend-memfd exists only in QEMU built for Linux (with memfd support); use memory-backend-file with mem-path=/dev/shm or /dev/hugepages instead',
};

export const QEMU_CMDLINE_ENTRIES: CatalogueEntry[] = [
  {
    id: 'qemu.object-type-unknown',
    source: 'qemu',
    cite: "qemu/qemu qapi/qapi-visit-core.c visit_type_enum() (\"Parameter '%s' does not accept value '%s'\" for -object's qom-type, parsed as ObjectOptions since QEMU 6.0); older: qom/object_interfaces.c user_creatable_add_type() (\"invalid object type: %s\")",
    format: "Parameter 'qom-type' does not accept value '%s'",
    versions: 'QEMU 6.0 and later; before: "invalid object type: TYPE"',
    patterns: [
      /Parameter 'qom-type' does not accept value '(?<type>[\w.-]{1,60})'/,
      /invalid object type: (?<type>[\w.-]{1,60})/,
    ],
    severity: 'error',
    title: 'QEMU does not know this -object type',
    cause:
      'the -object option names a type this QEMU binary does not have: the type is misspelt, came in a newer QEMU release than the one installed, or belongs to a feature this build left out. QEMU stops before the VM starts',
    fix: '`qemu-system-x86_64 -object help` lists the types this binary has; correct the name, or install the QEMU release the guide was written for',
    refine: (f) => {
      const since = f.type ? OBJECT_SINCE[f.type] : undefined;
      return since
        ? {
            cause: `this QEMU has no "${f.type}" object type: ${since}. QEMU stops before the VM starts`,
            fix: `check \`qemu-system-x86_64 --version\`; upgrade QEMU${f.type === 'iommufd' ? ', or drop -object iommufd and the iommufd= property to use the legacy VFIO container' : ''}`,
          }
        : undefined;
    },
    render: render('qemu-system-x86_64: -object iommufd,id=iommufd0: ', 'iommufd'),
    examples: [
      ex(
        "qemu-system-x86_64: -object iommufd,id=iommufd1: Parameter 'qom-type' does not accept value 'iommufd'",
        {
          type: 'iommufd',
        },
      ),
      ex(
        'qemu-system-x86_64: -object memory-backend-memfd,id=mem: invalid object type: memory-backend-memfd',
        {
          type: 'memory-backend-memfd',
        },
      ),
    ],
  },
  {
    id: 'qemu.device-link-missing',
    source: 'qemu',
    cite: 'qemu/qemu qom/object.c object_resolve_link() ("Device \'%s\' not found" when a link<> property such as memdev= names an object that does not exist)',
    format: "Device '%s' not found",
    versions:
      'the same words answer device_del and other commands for an unknown id (libvirt.qmp-command-failed reads those); this entry reads the -device form',
    patterns: [/-device (?<model>[\w-]{1,40}),[^\n]{0,300}: Device '(?<id>[\w.-]{1,80})' not found/],
    severity: 'error',
    title: 'A -device option names an object that no -object defines',
    cause:
      'a property of the device (memdev=, iommufd=, or another link to an object) names an id that no -object on the command line defines, so QEMU cannot connect the device to it and stops',
    fix: 'define the object with that id (-object TYPE,id=ID,…) or correct the id; `info qom-tree` in the monitor lists the objects that exist',
    refine: (f) => {
      if (/^ivshmem/.test(f.model ?? ''))
        return {
          cause: `${f.model} takes its shared memory from a memory backend named by memdev=, and no -object defines "${f.id}": for Looking Glass (without the kvmfr module) that is the backend over /dev/shm/looking-glass`,
          fix: `add -object memory-backend-file,id=${f.id},share=on,mem-path=/dev/shm/looking-glass,size=32M (size per the Looking Glass docs for the resolution: a power of two) next to -device ${f.model},memdev=${f.id}; with kvmfr, mem-path=/dev/kvmfr0 and the size the module was loaded with`,
        };
      if (f.model === 'vfio-pci')
        return {
          cause: `vfio-pci's iommufd= names "${f.id}", and no -object iommufd defines it`,
          fix: `add -object iommufd,id=${f.id} before the device (QEMU 8.2+), or drop iommufd= to use the legacy VFIO container`,
        };
      return undefined;
    },
    render: render('qemu-system-x86_64: -device ivshmem-plain,memdev=ivshmem: ', 'ivshmem'),
    examples: [
      ex(
        "qemu-system-x86_64: -device ivshmem-plain,id=shmem0,memdev=looking-glass: Device 'looking-glass' not found",
        {
          model: 'ivshmem-plain',
          id: 'looking-glass',
        },
      ),
      ex("qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=fd0: Device 'fd0' not found", {
        model: 'vfio-pci',
        id: 'fd0',
      }),
    ],
  },
  {
    id: 'qemu.property-value-not-found',
    source: 'qemu',
    cite: "qemu/qemu hw/core/qdev-properties-system.c set_chardev()/set_netdev()/set_drive() (\"Property '%s.%s' can't find value '%s'\")",
    format: "Property '%s.%s' can't find value '%s'",
    versions: 'printed so by QEMU 7.2 (the QEMU the tests run)',
    patterns: [
      /Property '(?<model>[\w-]{1,40})\.(?<prop>[\w-]{1,30})' can't find value '(?<id>[^'\n]{1,80})'/,
    ],
    severity: 'error',
    title: 'A device property names a backend id that was never defined',
    cause:
      "the device's chardev=, netdev= or drive= names an id that no -chardev, -netdev or -drive defines (or defines under another id), so QEMU stops before the VM starts",
    fix: 'define the backend with exactly that id (-chardev …,id=ID / -netdev …,id=ID / -drive …,id=ID,if=none), or correct the id in the -device option',
    refine: (f) =>
      f.prop === 'chardev'
        ? {
            cause: `${f.model}'s chardev= names "${f.id}", and no -chardev defines that id. In passthrough set-ups this is usually the SPICE agent or the Looking Glass/ivshmem-doorbell channel copied from a guide without its -chardev line`,
          }
        : undefined,
    render: render('qemu-system-x86_64: -device e1000,netdev=net0: ', 'e1000', 'netdev', 'net0'),
    examples: [
      ex(
        "qemu-system-x86_64: -device virtserialport,chardev=spicechannel0,name=com.redhat.spice.0: Property 'virtserialport.chardev' can't find value 'spicechannel0'",
        {
          model: 'virtserialport',
          prop: 'chardev',
          id: 'spicechannel0',
        },
      ),
    ],
  },
];
