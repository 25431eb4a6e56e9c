/**
 * Families found among the misses of the sixteenth held-out set once it was read
 * (test/fixtures/diagnose/held-out-16.json): CPU isolation for VFIO guests meeting the unified
 * cgroup v2 hierarchy, and libvirt failing to pin a QEMU process to CPUs its cpuset excludes. Each
 * is read in its source; the examples are built from the format strings and marked so (the
 * held-out texts stay out of the catalogue).
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { ex, render } from './build.js';
import { errnoName } from './qemu.js';

/** The cgroup v1 controllers that have their own mount under /sys/fs/cgroup. */
const V1 = '(?<controller>cpuset|cpu,cpuacct|cpuacct|cpu|memory|devices|freezer|hugetlb|blkio|pids|net_cls)';
const V1_PATH = `(?<path>/sys/fs/cgroup/${V1}(?:/[\\w.@:-]{1,80}){0,6})`;

export const READ_SET16_ENTRIES: CatalogueEntry[] = [
  {
    id: 'hook.driver-unload-killed',
    source: 'userspace tool',
    cite: 'GNU bash jobs.c (a job ended by a signal is reported as "SCRIPT: line N: PID Killed COMMAND"); the command is the module unload of a libvirt hook (/etc/libvirt/hooks/qemu, qemu.d/VM/prepare/begin/*.sh) or another passthrough script; kmod-project/kmod tools/modprobe.c (-r waits for no module users only with --wait)',
    format: '%s: line %d: %5d Killed                  %s',
    versions:
      'the spaces after "Killed" pad the command to a column; dash prints "Killed" without the line number',
    patterns: [
      /line \d{1,6}: {1,3}\d{1,9} Killed {1,40}(?<cmd>(?:modprobe -r|modprobe --remove|rmmod) (?<module>\w{1,40}))/,
    ],
    severity: 'error',
    title: 'A passthrough hook unloading a GPU driver was killed',
    cause:
      "the script tried to unload the module and the command was killed by a signal (SIGKILL) before it finished: unloading a driver that is still in use does not return (a display server, the framebuffer console, a process with the GPU's /dev/dri or /dev/nvidia* open keeps it busy), so the hook hung until libvirt, a timeout, the OOM killer or the user killed it. With single-GPU passthrough this comes from a hook whose stop sequence does not fit this machine — written for another GPU vendor (an NVIDIA script on an AMD card) or left behind from an earlier install — so the display manager or console was not released first",
    fix: 'make the hook stop the display manager and unbind the virtual consoles and the EFI framebuffer before unloading (or unbind only the GPU and its audio function from their drivers instead of unloading the module); if the hooks came from a project, remove the old version completely and install its current hooks; run the hook by hand to see where it stops',
    refine: (f): Refinement | undefined =>
      /^(?:nvidia|nvidia_drm|nvidia_modeset|nvidia_uvm)$/.test(f.module ?? '')
        ? {
            cause:
              'the script tried to unload the NVIDIA driver and the command was killed before it finished: nvidia is held by nvidia_drm and nvidia_modeset (loaded by the display server) and by any process with /dev/nvidia* open (nvidia-persistenced, a CUDA program), so the unload blocked until the hook was killed',
          }
        : undefined,
    render: render('', '/etc/libvirt/hooks/qemu.d/vm/prepare/begin/start.sh', 14, 4821, 'modprobe -r amdgpu'),
    examples: [
      ex(
        '/etc/libvirt/hooks/qemu.d/vm/prepare/begin/start.sh: line 14:  4821 Killed                  modprobe -r amdgpu',
        {
          module: 'amdgpu',
        },
      ),
    ],
  },
  {
    id: 'cgroup.v1-path-missing',
    source: 'userspace tool',
    cite: 'torvalds/linux Documentation/admin-guide/cgroup-v2.rst (one unified hierarchy: no per-controller mounts, cpuset.cpus in every cgroup directory) and systemd src/core/cgroup.c (AllowedCPUs= writes cpuset.cpus); the messages are the tool\'s: Python OSError ("[Errno 2] No such file or directory: \'PATH\'"), the shell ("PATH: No such file or directory")',
    format: "[Errno 2] No such file or directory: '%s'",
    versions:
      'Python: "FileNotFoundError: [Errno 2] No such file or directory: \'/sys/fs/cgroup/cpuset/…\'"; shell: "/sys/fs/cgroup/cpuset/…: No such file or directory"; Go: "open /sys/fs/cgroup/cpuset/…: no such file or directory"',
    patterns: [
      new RegExp(`\\[Errno 2\\] No such file or directory: '${V1_PATH}'`),
      new RegExp(`${V1_PATH}['"]?: (?:No such file or directory|no such file or directory)`),
    ],
    severity: 'error',
    title: 'A tool looked for a cgroup v1 controller directory on a cgroup v2 system',
    cause:
      "the program (a CPU-isolation helper for VFIO guests such as vfio-isolate or cset, a libvirt hook, an older container tool) expects the cgroup v1 layout, where each controller is mounted in its own directory (/sys/fs/cgroup/cpuset, /sys/fs/cgroup/memory, …). This system boots with the unified cgroup v2 hierarchy — the default of systemd distributions for years (Fedora 31+, Debian 11+, Ubuntu 21.10+, RHEL 9, Arch) — where there are no such directories: a cgroup's CPU set is the cpuset.cpus file inside the cgroup's own directory (/sys/fs/cgroup/machine.slice/cpuset.cpus). The isolation step did nothing",
    fix: 'use a release of the tool with cgroup v2 support, or isolate with systemd, which works on v2: `systemctl set-property --runtime -- user.slice AllowedCPUs=0-3` (and the same for system.slice and init.scope) while the VM runs, then restore all CPUs; booting with systemd.unified_cgroup_hierarchy=0 brings v1 back but is deprecated and removed in recent systemd',
    refine: (f): Refinement | undefined =>
      f.controller && f.controller !== 'cpuset'
        ? {
            cause: `the program expects the cgroup v1 layout, where the ${f.controller} controller is mounted at /sys/fs/cgroup/${f.controller}; this system uses the unified cgroup v2 hierarchy (the default of systemd distributions for years), where controllers have no directories of their own and their files (memory.max, cpu.max, …) sit in each cgroup's directory. The step that needed it did nothing`,
          }
        : undefined,
    render: render('FileNotFoundError: ', '/sys/fs/cgroup/cpuset/host'),
    examples: [
      ex("FileNotFoundError: [Errno 2] No such file or directory: '/sys/fs/cgroup/cpuset/isolated.slice'", {
        controller: 'cpuset',
        path: '/sys/fs/cgroup/cpuset/isolated.slice',
      }),
      ex('/sys/fs/cgroup/memory/machine.slice/memory.limit_in_bytes: No such file or directory', {
        controller: 'memory',
      }),
    ],
  },
  {
    id: 'libvirt.cpu-affinity-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virprocess.c virProcessSetAffinity() (sched_setaffinity(2); EINVAL is retried with larger masks up to 262144 CPUs first, so a final EINVAL is the kernel refusing the CPUs themselves)',
    format: 'cannot set CPU affinity on process %1$d',
    versions:
      'older libvirt: "cannot set CPU affinity on process %d"; followed by ": " and the errno text; virsh and virt-manager print it after "error: Failed to start domain" / "Error starting domain:"',
    patterns: [/cannot set CPU affinity on process (?<pid>\d{1,9})(?::\s?(?<err>[^\n"'\\)]{1,80}))?/],
    severity: 'error',
    title: 'libvirt could not pin a QEMU process to its CPUs',
    cause:
      'libvirt pins the QEMU process (its emulator and vCPU threads) to the CPUs in the domain XML (<vcpupin>, <emulatorpin>, <vcpu cpuset=…>, or a <numatune> placement) and the kernel refused the CPU mask',
    fix: "compare the domain's CPU pinning with `lscpu` (online CPUs) and with the cpuset the process lives in (`cat /proc/PID/status | grep Cpus_allowed_list`, /sys/fs/cgroup/machine.slice/cpuset.cpus)",
    refine: (f): Refinement | undefined => {
      const e = errnoName(f);
      if (e === 'EINVAL')
        return {
          cause:
            "sched_setaffinity() answered EINVAL: none of the requested CPUs is both online and allowed by the cpuset (cgroup) the QEMU process lives in. A CPU-isolation step for the VFIO guest is the usual reason: it moved tasks — libvirtd itself, or the slice QEMU is started in — into a cpuset with only the host's CPUs (vfio-isolate's move-tasks, cset shield, systemd AllowedCPUs= on the wrong slice), the new QEMU process inherited it, and the VM's own CPUs are outside it. Otherwise the XML names CPUs that are offline or do not exist (a pinning copied from another machine)",
          fix: "isolate by restricting the host slices (user.slice, system.slice, init.scope) and leave machine.slice — where libvirt starts QEMU — with the VM's CPUs; do not move libvirtd into the host cpuset; check `Cpus_allowed_list` of libvirtd and of the failed QEMU, and that every CPU in <vcpupin>/<emulatorpin> is online",
        };
      if (e === 'EPERM')
        return {
          cause:
            'sched_setaffinity() answered EPERM: libvirt may not change the affinity of that process — a session (unprivileged) libvirt pinning a process it does not own, or a confinement (seccomp, a container without CAP_SYS_NICE) refusing it',
          fix: 'use the system libvirt (qemu:///system) for pinned VMs, or run it with the needed capability',
        };
      return undefined;
    },
    render: render('error: ', 4242),
    examples: [
      ex('error: cannot set CPU affinity on process 31337: Invalid argument', {
        pid: '31337',
        errno: 'EINVAL',
      }),
    ],
  },
];
