/**
 * Families first seen among the misses of the eighteenth held-out set once it was scored blind and
 * read: bash's `local` outside a function in an installer, the NVIDIA vGPU manager refusing a GPU vgpu_unlock cannot make
 * vGPU-capable, and a hardware-info library's warning that passthrough helpers print. Every example
 * is built from the producing source's format string, never taken from the held-out set.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

export const READ_SET18_ENTRIES: CatalogueEntry[] = [
  {
    id: 'shell.local-outside-function',
    source: 'userspace tool',
    cite: 'GNU bash builtins/declare.def local_builtin() ("can only be used in a function" when `local` runs outside a function body)',
    format: '%s: line %d: local: can only be used in a function',
    versions:
      'bash prints "SCRIPT: line N: local: can only be used in a function"; dash accepts `local` anywhere, so a script that works with sh can fail under bash',
    patterns: [
      /(?:(?<script>[\w./~+-]{1,64}): line (?<lineno>\d{1,6}): )?local: can only be used in a function/,
    ],
    tier: 'fallback',
    severity: 'error',
    title: "A script uses bash's `local` outside a function (a bug in the script)",
    cause:
      "a bug in the script itself: it declares a variable with `local` at the top level (in its main body or a case block, not inside a function), which bash refuses. That command fails (with set -e the script stops there), so the step it belongs to — an installer's driver or service step — did not complete",
    fix: 'update the script to a release that fixes it (report it to its author if none does), or change that `local VAR=…` to a plain assignment; nothing on the host needs to change',
    render: render('', 'proxmox-installer.sh', 2145),
    examples: [
      ex('./vgpu-setup.sh: line 812: local: can only be used in a function', {
        script: './vgpu-setup.sh',
        lineno: '812',
      }),
    ],
  },
  {
    id: 'nvidia-vgpu.blacklisted-pages',
    source: 'nvidia-vgpu',
    cite: 'NVIDIA vGPU manager (nvidia-vgpu-mgr) vmiop_log, as quoted in users\' logs: while it sets up a vGPU it asks the host driver for the GPU\'s retired ("blacklisted") memory pages; 0x56 is NV_ERR_NOT_SUPPORTED (NVIDIA open-gpu-kernel-modules src/common/sdk/nvidia/inc/nvstatuscodes.h)',
    format: 'vmiop_log: (0x0): Failed to get blacklisted pages:0x%x',
    patterns: [/Failed to get blacklisted pages:\s?(?<status>0x[0-9a-fA-F]{1,8})/],
    severity: 'error',
    title: 'The vGPU manager could not query the GPU it was asked to split',
    cause:
      "the vGPU manager asked the host driver for the GPU's retired memory pages and the driver answered that the GPU does not support it (0x56, NV_ERR_NOT_SUPPORTED): the GPU is not a vGPU-capable board for this driver. On a consumer GeForce made to look like a data-center card with vgpu_unlock that means an unsupported generation: vgpu_unlock supports Maxwell, Pascal and Turing GeForce cards, not Ampere (RTX 30) or later, so the vGPU cannot start",
    fix: 'use a GPU generation vgpu_unlock supports (Turing or older GeForce, with the driver branch its guides name), or a GPU NVIDIA licenses for vGPU; on Ampere and later data-center GPUs vGPU uses SR-IOV VFs with the matching NVIDIA driver instead',
    render: render('nvidia-vgpu-mgr[2847]: error: ', 0x56),
    examples: [
      ex('nvidia-vgpu-mgr[4120]: error: vmiop_log: (0x0): Failed to get blacklisted pages:0x56', {
        status: '0x56',
      }),
    ],
  },
  {
    id: 'tool.ghw-memory-area-warning',
    source: 'userspace tool',
    cite: "jaypipes/ghw pkg/memory (the per-NUMA-node memory area read from /sys/devices/system/node/nodeN/memory*/), used by ls-iommu and quickpassthrough (HikariKnight/ls-iommu, quickpassthrough's vfio-setup) to list IOMMU groups; ghw read every memory* entry as a memory block, and newer kernels add a node's memory_failure directory, which has no 'state' file (fixed in ghw and picked up by ls-iommu 2.2.2)",
    format: 'WARNING: failed to determine memory area for node: %s',
    patterns: [/failed to determine memory area for node: (?<err>[^\n]{1,300})/],
    severity: 'info',
    title: "A hardware-info library's warning about NUMA memory (harmless for passthrough)",
    cause:
      "the ghw library that ls-iommu and quickpassthrough use to read the hardware could not work out a NUMA node's memory area; on recent kernels it is a bug of the library: it treated the node's memory_failure directory as a memory block and tried to read a 'state' file it does not have. Nothing is wrong with the host, and the IOMMU groups the tool lists are not affected",
    fix: 'nothing to do on the host; update ls-iommu/quickpassthrough to a release built with the fixed ghw (ls-iommu 2.2.2 or later) to silence it',
    refine: (f) =>
      /memory_failure/.test(f.err ?? '')
        ? undefined
        : {
            cause: `the ghw library that ls-iommu and quickpassthrough use could not work out a NUMA node's memory area (${f.err}); the warning is about memory information only and does not affect the IOMMU groups the tool lists`,
          },
    render: render('', 'open /sys/devices/system/node/node0/memory_failure/state: no such file or directory'),
    examples: [
      ex(
        'WARNING: failed to determine memory area for node: open /sys/devices/system/node/node1/memory_failure/state: no such file or directory',
      ),
    ],
  },
];
