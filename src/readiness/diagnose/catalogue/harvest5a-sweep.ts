/**
 * The fifth harvest, part a: messages users posted about VFIO and device passthrough under
 * containers and clusters that the catalogue did not recognise. A container engine that cannot
 * resolve a CDI device (podman, the NVIDIA runtime in the GPU operator, containerd with a DRA
 * driver); the NVIDIA container CLI finding no driver (GPUs on vfio-pci) or no device of the name it
 * was given; rootless podman refusing device cgroup rules; a device-plugin binary built for a newer
 * glibc than its image; the GPU operator's sandbox validator finding a GPU still on the host driver
 * and the driver manager that skipped the unbind; gVisor's nvproxy refusing a driver version or an
 * ioctl, and a sandbox that died while starting; Cloud Hypervisor (as Kata runs it) failing to map
 * guest memory for a VFIO device. Each example is the message as posted, with the thread it came
 * from.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const CDI = 'cncf-tags/container-device-interface pkg/cdi/cache.go Cache.InjectDevices()';
const NVC = 'NVIDIA/libnvidia-container';
const GVISOR = 'google/gvisor';
const GPU_OPERATOR = 'NVIDIA/gpu-operator';
const PCI_ADDR = '[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]';

export const HARVEST5A_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- CDI: the device name the engine was asked for is in no spec it loaded ----
  {
    id: 'runtime.cdi-unresolvable',
    source: 'container runtime',
    cite: `${CDI} (older container-orchestrated-devices/container-device-interface pkg/cdi/cache.go, and the C port in iSulad as "Unresolvable CDI devices %s"), returned to the engine that injects the devices`,
    format: 'unresolvable CDI devices %s',
    versions:
      'each engine wraps it: podman "setting up CDI devices: …" (before 4.6 "error setting up CDI devices: …"), containerd and CRI-O "CDI device injection failed: …", the NVIDIA container runtime (GPU operator, CDI mode) "failed to inject CDI devices: …" inside "could not apply required modification to OCI specification"; the list holds every fully-qualified name VENDOR/CLASS=NAME it could not find, joined by ", "',
    patterns: [
      /(?:(?<via>setting up CDI devices|inject CDI devices|CDI device injection failed): |^|: )[Uu]nresolvable CDI devices (?<kind>[\w.-]{1,100}\/[\w.-]{1,60})=(?<name>[\w.:-]{1,100})/,
    ],
    severity: 'error',
    title: 'The container engine found no CDI spec defining the requested device',
    cause:
      'the engine was asked for a CDI device by its fully-qualified name (VENDOR/CLASS=NAME) and none of the CDI specs it loaded from its spec directories defines that name, so the container is not created. The spec was never generated (`nvidia-ctk cdi generate`, or the nvidia-cdi-refresh service, was not run), was written to a directory this engine does not read (podman and containerd read /etc/cdi and /var/run/cdi; NixOS writes /run/cdi, which podman needed --cdi-spec-dir=/run/cdi for in nixpkgs#420638), could not be loaded (not readable by a rootless engine, or a spec version newer than the engine\'s CDI library understands — podman --log-level=debug lists "The following errors were triggered when creating the CDI registry"), or is stale: generated before a driver update or a change of GPUs, so the UUIDs and indexes in it no longer match. A GPU bound to vfio-pci for passthrough is invisible to NVML, so it is in no generated spec',
    fix: '`nvidia-ctk cdi list` shows the names the spec on disk defines; regenerate it (`sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml`, world-readable) after each driver or GPU change, request one of the listed names, and run the engine with debug logging (podman --log-level=debug) to see spec load errors; point the engine at the directory the spec is in if it is elsewhere',
    refine: (f) => {
      if (f.kind === 'management.nvidia.com/gpu')
        return {
          cause: `the NVIDIA device plugin in CDI mode (GPU operator, cdi.enabled) asked for ${f.kind}=${f.name}, and the NVIDIA container runtime resolves it against the management spec the toolkit container writes (/var/run/cdi/management.nvidia.com-gpu.yaml). That spec does not define ${f.name}: in NVIDIA/nvidia-container-toolkit#1239 it held only "all" while \`nvidia-ctk cdi generate\` run by hand on the node produced the index and UUID entries too — the toolkit generated it when it could not enumerate the GPUs (driver not ready yet), or with a toolkit version that writes only "all"`,
          fix: 'compare `nvidia-smi -L` with the devices in /var/run/cdi/management.nvidia.com-gpu.yaml; restart the nvidia-container-toolkit pod once the driver is up so it regenerates the spec, or upgrade the toolkit/GPU operator to a release that writes the per-GPU names',
        };
      if (/^k8s\./.test(f.kind ?? ''))
        return {
          cause: `${f.kind} is a name a Kubernetes DRA driver creates per claim: its kubelet plugin writes a transient CDI spec for the prepared device into its CDI root and the runtime (containerd, CRI-O) must read that directory. The runtime found no spec defining ${f.name}: CDI is not enabled in the runtime (containerd 1.7 needs enable_cdi = true), its cdi_spec_dirs do not include the driver's CDI root (distributions such as Talos or k3s keep other paths), or the plugin did not write the spec (see its prepare log)`,
          fix: "enable CDI in the runtime's CRI configuration and make the DRA driver's CDI root (/var/run/cdi by default) one of its cdi_spec_dirs, restart the runtime, then recreate the pod; check the kubelet plugin's log for the prepare of that claim",
        };
      return undefined;
    },
    render: render('Error: setting up CDI devices: ', 'nvidia.com/gpu=all'),
    examples: [
      ex(
        'Error: error setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=all',
        { via: 'setting up CDI devices', kind: 'nvidia.com/gpu', name: 'all' },
        'https://github.com/NVIDIA/nvidia-container-toolkit/issues/146',
      ),
      ex(
        'Error: unable to start container "15663b4ffb8533e2485f8fb27f13bbf8ecc90e95595ebd2c63f91013be44486d": setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=all',
        { kind: 'nvidia.com/gpu', name: 'all' },
        'https://github.com/zelikos/davincibox/issues/268',
      ),
      ex(
        'Emulate Docker CLI using podman. Create /etc/containers/nodocker to quiet msg.\nError: setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=all',
        { kind: 'nvidia.com/gpu', name: 'all' },
        'https://github.com/warmshao/FasterLivePortrait/issues/116',
      ),
      ex(
        '  Warning  Failed     10s (x2 over 10s)  kubelet            Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: could not apply required modification to OCI specification: error modifying OCI spec: failed to inject CDI devices: unresolvable CDI devices management.nvidia.com/gpu=GPU-e78e68c0-4e6a-737e-f9cc-4223fe50aead',
        {
          via: 'inject CDI devices',
          kind: 'management.nvidia.com/gpu',
          name: 'GPU-e78e68c0-4e6a-737e-f9cc-4223fe50aead',
        },
        'https://github.com/NVIDIA/nvidia-container-toolkit/issues/1239',
      ),
      ex(
        '  Warning  Failed     86s (x26 over 6m37s)  kubelet            Error: failed to create containerd container: CDI device injection failed: unresolvable CDI devices k8s.gpu.nvidia.com/device=gpu-1',
        { via: 'CDI device injection failed', kind: 'k8s.gpu.nvidia.com/device', name: 'gpu-1' },
        'https://github.com/kubernetes-sigs/dra-driver-nvidia-gpu/issues/736',
      ),
    ],
  },
  // ---- the NVIDIA container CLI (legacy/hook mode) ----
  {
    id: 'runtime.nvidia-cli-driver-not-loaded',
    source: 'container runtime',
    cite: `${NVC} src/cli/configure.c configure_command() ("initialization error: %s" when nvc_init() fails), with the "nvml error: %s" text from the library's NVML call wrapper (src/nvc.c driver initialisation; NVML's own string for NVML_ERROR_DRIVER_NOT_LOADED, lower-cased)`,
    format: 'nvidia-container-cli: initialization error: nvml error: driver not loaded',
    versions:
      'run by the prestart hook (nvidia-container-runtime-hook / nvidia-container-toolkit) for every container the NVIDIA runtime starts with NVIDIA_VISIBLE_DEVICES set; runc reports it as "error running hook #0: error running hook: exit status 1, stdout: , stderr: nvidia-container-cli: initialization error: …"',
    patterns: [/nvidia-container-cli(?:\.real)?: initialization error: nvml error: driver not loaded/],
    severity: 'error',
    title: 'The NVIDIA container hook found no NVIDIA driver on the host',
    cause:
      "the container was started by the NVIDIA container runtime, whose hook asks NVML for the host's GPUs, and NVML found the NVIDIA kernel driver not loaded (no /dev/nvidiactl). On a node whose GPUs are bound to vfio-pci for passthrough that is expected: no GPU is on the nvidia driver, so any container that goes through the hook fails — in NVIDIA/kubevirt-gpu-device-plugin#49 the KubeVirt GPU device plugin's own pod, started under the nvidia runtime (containerd's default runtime) although it needs no NVIDIA driver. Elsewhere the driver module is not loaded (not built for the running kernel, blocked by Secure Boot)",
    fix: 'on a passthrough node run such pods with the plain runtime (a runtimeClassName for runc, or do not make nvidia the default runtime there; GPU operator: label the node nvidia.com/gpu.workload.config=vm-passthrough so it deploys the sandbox components instead of the container toolkit), or set NVIDIA_VISIBLE_DEVICES=void for a container that needs no GPU; if the node should run CUDA containers, load the driver (`modprobe nvidia`, `nvidia-smi`)',
    render: render('stderr: '),
    examples: [
      ex(
        '  Warning  Failed     20s (x3 over 34s)  kubelet            Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error running hook #0: error running hook: exit status 1, stdout: , stderr: nvidia-container-cli: initialization error: nvml error: driver not loaded: unknown',
        {},
        'https://github.com/NVIDIA/kubevirt-gpu-device-plugin/issues/49',
      ),
    ],
  },
  {
    id: 'runtime.nvidia-cli-unknown-device',
    source: 'container runtime',
    cite: `${NVC} src/cli/configure.c configure_command() ("device error: %s") after select_devices() (src/cli/common.c) matched no GPU to an entry of the device list`,
    format: 'device error: %s: unknown device',
    versions:
      'printed as "nvidia-container-cli: device error: ID: unknown device" by the prestart hook; Docker wraps it in "OCI runtime create failed: … error running hook …"',
    patterns: [/nvidia-container-cli(?:\.real)?: device error: (?<id>[^\s:]{1,100}): unknown device/],
    severity: 'error',
    title: 'The NVIDIA container hook was asked for a GPU it does not see',
    cause:
      'the hook compares each entry of the device list (NVIDIA_VISIBLE_DEVICES, or docker --gpus device=…) with the GPUs NVML enumerated, by UUID, index or MIG name, and this one matched none, so the container is not started. Usual reasons: a value that is not a device (in NVIDIA/nvidia-container-toolkit#29 "false", from a template), a UUID or index of a GPU that is gone or renumbered, or a GPU now bound to vfio-pci for a VM — NVML does not see a GPU that is not on the nvidia driver',
    fix: '`nvidia-smi -L` lists the UUIDs and indexes the hook can use: set NVIDIA_VISIBLE_DEVICES (or --gpus device=) to one of them, "all", or "void"/"none" for no GPU, and recreate the container; a GPU given to a VM cannot be given to a container at the same time',
    refine: (f) =>
      /^(?:false|true|yes|no|0x[0-9a-f]{0,8})$/i.test(f.id ?? '')
        ? {
            cause: `the device list holds "${f.id}", which is no GPU's UUID, index or MIG name — a boolean or placeholder put where a device is expected (a container template's default, as in NVIDIA/nvidia-container-toolkit#29), so the hook refuses it`,
          }
        : undefined,
    render: render('nvidia-container-cli: ', 'GPU-0a1b2c3d-0000-0000-0000-000000000000'),
    examples: [
      ex(
        "docker: Error response from daemon: failed to create shim: OCI runtime create failed: container_linux.go:380: starting container process caused: process_linux.go:545: container init caused: Running hook #1:: error running hook: exit status 1, stdout: , stderr: Auto-detected mode as 'legacy'\nnvidia-container-cli: device error: false: unknown device: unknown.",
        { id: 'false' },
        'https://github.com/NVIDIA/nvidia-container-toolkit/issues/29',
      ),
      ex('nvidia-container-cli: device error: GPU-2f68f999-7b41-e64a-3709-0c8c4fa756c0: unknown device', {
        id: 'GPU-2f68f999-7b41-e64a-3709-0c8c4fa756c0',
      }),
    ],
  },
  {
    id: 'runtime.nvidia-cdi-nvml-init',
    source: 'container runtime',
    cite: 'NVIDIA/nvidia-container-toolkit pkg/nvcdi (the NVML-based spec generator initialises NVML, "failed to initialize NVML: %v"; wrapper.go GetDeviceSpecsByID() adds "failed to construct device spec generators: %w"), run by `nvidia-ctk cdi generate`, the nvidia-cdi-refresh service and the NVIDIA runtime in CDI/auto mode',
    format: 'failed to initialize NVML: %v',
    versions:
      'toolkit 1.14 spelled it "failed to initalize NVML"; the full chain reads "failed to generate CDI spec: failed to create device CDI specs: failed to construct device spec generators: failed to initialize NVML: ERROR" (the runtime: "failed to create the automatic CDI modifier: failed to generate CDI spec for mode \\"auto\\": …")',
    patterns: [/failed to initi?alize NVML: (?<err>Driver Not Loaded|ERROR_[A-Z_]{3,40}|[A-Z][\w ]{2,40})/],
    severity: 'error',
    title: 'The NVIDIA toolkit could not start NVML to list the GPUs for a CDI spec',
    cause:
      'to write a CDI spec the NVIDIA container toolkit enumerates the GPUs through NVML (libnvidia-ml.so from the driver), and NVML did not start, so no spec is generated and containers asking for nvidia.com/gpu devices then fail as unresolvable. What failed is in the error NVML returned',
    fix: 'check that `nvidia-smi` works on the host, then run `nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml` again',
    refine: (f) => {
      if (/Driver Not Loaded|DRIVER_NOT_LOADED/i.test(f.err ?? ''))
        return {
          cause:
            'NVML found the NVIDIA kernel driver not loaded (no /dev/nvidiactl) when the spec was generated: at boot the nvidia-cdi-refresh service can run before the nvidia module is loaded (NVIDIA/nvidia-container-toolkit#1611), a kernel update can leave no nvidia module built for the running kernel, and on a passthrough host whose GPUs are all bound to vfio-pci the nvidia driver is not used at all — those GPUs cannot be given to containers, so no spec is needed for them',
          fix: 'if containers should get GPUs: load the driver (`modprobe nvidia`, rebuild the module for this kernel), then regenerate (`systemctl restart nvidia-cdi-refresh` or `nvidia-ctk cdi generate`); order the refresh after the driver loads; on a pure passthrough host disable the refresh service',
        };
      if (/LIBRARY_NOT_FOUND/.test(f.err ?? ''))
        return {
          cause:
            "NVML's library (libnvidia-ml.so.1) is not where the toolkit looks (the host's library path): typically the driver is installed by a driver container (GPU operator) under /run/nvidia/driver, so the host has no libnvidia-ml — the answer in NVIDIA/nvidia-container-toolkit#118 — or the driver's user-space libraries are not installed",
          fix: "point the toolkit at the driver root: `nvidia-ctk cdi generate --driver-root=/run/nvidia/driver` (or the driver container's path); otherwise install the driver's libraries (libnvidia-ml) and run `ldconfig`",
        };
      return undefined;
    },
    render: render('failed to construct device spec generators: ', 'Driver Not Loaded'),
    examples: [
      ex(
        'Jan 25 00:45:43 Pallas nvidia-ctk[1600]: time="2026-01-25T00:45:43+11:00" level=error msg="failed to generate CDI spec: failed to create device CDI specs: failed to construct device spec generators: failed to initialize NVML: Driver Not Loaded"',
        { err: 'Driver Not Loaded' },
        'https://github.com/NVIDIA/nvidia-container-toolkit/issues/1611',
      ),
      ex(
        'failed to initalize NVML: ERROR_LIBRARY_NOT_FOUND',
        { err: 'ERROR_LIBRARY_NOT_FOUND' },
        'https://github.com/NVIDIA/nvidia-container-toolkit/issues/118',
      ),
    ],
  },
  // ---- podman ----
  {
    id: 'runtime.podman-rootless-device-rules',
    source: 'container runtime',
    cite: 'containers/podman pkg/specgen/generate (container creation refuses DeviceCgroupRules when rootless); the wording is quoted from podman#25365 and from projects that document it — the printing function was not read',
    format: 'device cgroup rules are not supported in rootless mode or in a user namespace',
    versions:
      'podman prints it as "Error: device cgroup rules are not supported in rootless mode or in a user namespace" for --device-cgroup-rule or compose device_cgroup_rules; the Docker API path through podman\'s service refuses HostConfig.DeviceCgroupRules the same way',
    patterns: [/device cgroup rules are not supported in rootless mode/],
    severity: 'error',
    title: 'Rootless podman cannot apply device cgroup rules',
    cause:
      'the container asks for device cgroup rules (--device-cgroup-rule, compose device_cgroup_rules such as "c 10:196 rwm" for /dev/vfio/vfio), and a rootless podman — or one running in a user namespace — cannot set the devices controller, so it refuses to create the container. Without root, access to a device node is decided by its file permissions alone',
    fix: 'drop the device_cgroup_rules and pass the nodes themselves (--device /dev/vfio/vfio --device /dev/vfio/N, or /dev/dri …) with the user owning them or in their group (a udev rule such as SUBSYSTEM=="vfio", GROUP="kvm"; --group-add keep-groups); for VFIO also raise the user\'s memlock limit. Or run the container with rootful podman (sudo)',
    render: render('Error: '),
    examples: [
      ex(
        'Error: device cgroup rules are not supported in rootless mode or in a user namespace',
        {},
        'https://github.com/podman-container-tools/podman/issues/25365',
      ),
    ],
  },
  // ---- a binary built against a newer glibc than its image has ----
  {
    id: 'runtime.glibc-version-missing',
    source: 'userspace tool',
    cite: 'glibc elf/dl-version.c match_symbol() ("version `%s\' not found (required by %s)"), printed by the dynamic loader before the program starts',
    format: "%s: %s: version `%s' not found (required by %s)",
    versions:
      'the loader prints one line per missing symbol version, each prefixed with the program and the library',
    patterns: [
      /(?<lib>\/[\w./+-]{1,200}libc\.so\.6): version `GLIBC_(?<ver>\d{1,2}\.\d{1,3})' not found \(required by (?<bin>[^\s)]{1,200})\)/,
    ],
    severity: 'error',
    title: 'A program needs a newer glibc than the system or image it runs on',
    cause:
      "the program was built (linked) against a newer GNU C library than the one installed where it runs, so the dynamic loader refuses to start it. In a container that means the binary and the base image do not match — a build environment newer than the image's distribution (UBI 8 ships glibc 2.28) — and the pod crash-loops",
    fix: "run a build of the program made for this system or image (the project's fixed release), or rebuild it in the image's own distribution (or link it statically); `ldd --version` in the image shows its glibc",
    refine: (f) =>
      /nvidia-kubevirt-gpu-device-plugin/.test(f.bin ?? '')
        ? {
            cause: `the KubeVirt GPU device plugin image v1.2.3 (used by the GPU operator 23.9.0's nvidia-sandbox-device-plugin) carries a binary built against glibc ${f.ver} or newer on a UBI 8 base with glibc 2.28, so the sandbox device plugin crash-loops and no passthrough GPU is advertised to KubeVirt (NVIDIA/gpu-operator#627, NVIDIA/kubevirt-gpu-device-plugin#81)`,
            fix: 'use kubevirt-gpu-device-plugin v1.2.4 or later (in the GPU operator: sandboxDevicePlugin.version, or a GPU operator release that ships it)',
          }
        : undefined,
    render: render(
      '',
      'nvidia-kubevirt-gpu-device-plugin',
      '/lib64/libc.so.6',
      'GLIBC_2.32',
      'nvidia-kubevirt-gpu-device-plugin',
    ),
    examples: [
      ex(
        "nvidia-kubevirt-gpu-device-plugin: /lib64/libc.so.6: version `GLIBC_2.32' not found (required by nvidia-kubevirt-gpu-device-plugin)\nnvidia-kubevirt-gpu-device-plugin: /lib64/libc.so.6: version `GLIBC_2.34' not found (required by nvidia-kubevirt-gpu-device-plugin)",
        { ver: '2.32', bin: 'nvidia-kubevirt-gpu-device-plugin' },
        'https://github.com/NVIDIA/gpu-operator/issues/627',
      ),
    ],
  },
  // ---- the NVIDIA GPU operator in vm-passthrough mode ----
  {
    id: 'kubernetes.gpu-operator-vfio-not-bound',
    source: 'kubernetes',
    cite: `${GPU_OPERATOR} cmd/nvidia-validator main.go: the vfio-pci validation (run by nvidia-sandbox-validator) returns "device not bound to 'vfio-pci'; device: %s driver: '%s'" for each NVIDIA GPU on another driver, wrapped as "error validating vfio-pci driver installation: %w"`,
    format: "device not bound to 'vfio-pci'; device: %s driver: '%s'",
    versions:
      'newer validators also accept nvgrace_gpu_vfio_pci (Grace Hopper); the KubeVirt GPU device plugin logs the same words at info level ("Device not bound to \'vfio-pci\'; …") when it skips a GPU',
    patterns: [
      new RegExp(
        `[Dd]evice not bound to 'vfio-pci'; device: (?<bdf>${PCI_ADDR}) driver: '(?<driver>[\\w-]{0,40})'`,
      ),
    ],
    severity: 'error',
    title: 'The GPU operator expected the GPU on vfio-pci, it is on another driver',
    cause:
      "on a node labelled for VM passthrough the GPU operator's vfio-manager should unbind each NVIDIA GPU from its host driver and bind it to vfio-pci; the sandbox validator found this GPU still on another driver, so it fails (crash-loops) and the sandbox device plugin does not advertise the GPU to KubeVirt. The vfio-manager did not bind it: it has not run or failed on this node, or it skipped the unbind",
    fix: 'read the nvidia-vfio-manager pod log on the node; bind the GPU (and its audio/USB functions) to vfio-pci and restart the validator; `lspci -nnk -d 10de:` shows the driver in use',
    refine: (f) =>
      f.driver === 'nvidia'
        ? {
            cause: `${f.bdf} is still on the nvidia driver. When that driver was installed on the host itself (not by the operator's driver container), the operator's driver manager finds it ("NVIDIA GPU driver is already pre-installed on the node, disabling the containerized driver"), labels the node nvidia.com/gpu.deploy.driver=pre-installed and exits without unbinding, so the vfio-manager never binds the GPU (NVIDIA/k8s-driver-manager#191); the validator then fails on every GPU`,
            fix: 'on a vm-passthrough node do not load the host NVIDIA driver for these GPUs: blacklist nvidia/nouveau or bind the GPUs to vfio-pci at boot (vfio-pci.ids=10de:… with a softdep), reboot, then restart the vfio-manager and sandbox validator pods',
          }
        : !f.driver
          ? {
              cause: `${f.bdf} is bound to no driver at all: it was unbound from the host driver and the bind to vfio-pci did not happen (vfio-pci not loaded, or its driver_override/bind step failed)`,
              fix: `\`modprobe vfio-pci\` and bind it (\`vfiokit bind ${f.bdf}\`, or driver_override and drivers_probe), then restart the validator pod`,
            }
          : undefined,
    render: render('Error: error validating vfio-pci driver installation: ', '0000:18:00.0', 'nvidia'),
    examples: [
      ex(
        "Error: error validating vfio-pci driver installation:\n  device not bound to 'vfio-pci'; device: 0000:18:00.0 driver: 'nvidia'",
        { bdf: '0000:18:00.0', driver: 'nvidia' },
        'https://github.com/NVIDIA/k8s-driver-manager/issues/191',
      ),
      ex("device not bound to 'vfio-pci'; device: 0000:41:00.0 driver: ''", {
        bdf: '0000:41:00.0',
        driver: '',
      }),
    ],
  },
  {
    id: 'kubernetes.driver-manager-preinstalled',
    source: 'kubernetes',
    cite: 'NVIDIA/k8s-driver-manager cmd/driver-manager/main.go DriverManager.uninstallDriver(): when isHostDriver() finds a driver installed on the host it logs this line, disables the containerized driver (node label), waits 60 s and returns the error "driver is pre-installed on host"',
    format: 'NVIDIA GPU driver is already pre-installed on the node, disabling the containerized driver',
    versions:
      'preceded by "Host driver detected: VERSION" and followed by "Labeling node NODE with nvidia.com/gpu.deploy.driver=pre-installed"',
    patterns: [/NVIDIA GPU driver is already pre-installed on the node, disabling the containerized driver/],
    severity: 'warning',
    title: "The GPU operator's driver manager leaves a host-installed NVIDIA driver alone",
    cause:
      "the driver manager (init container of the operator's driver and vfio-manager pods) found an NVIDIA driver installed on the host itself, so it disables the operator's containerized driver, does not unload or unbind anything, and after a minute exits with 'driver is pre-installed on host' (the init container then shows Init:Error or CrashLoopBackOff). For container workloads that is harmless — the host driver is used. On a node meant for VM passthrough it is the problem: the vfio-manager relies on this step to unbind the GPUs, so they stay on the nvidia driver and the sandbox validator fails with \"device not bound to 'vfio-pci'\" (NVIDIA/k8s-driver-manager#191)",
    fix: 'for container workloads nothing; for vm-passthrough nodes keep the host NVIDIA driver from binding the GPUs (blacklist it, or bind them to vfio-pci at boot) or uninstall it, then restart the vfio-manager pod',
    render: render(''),
    examples: [
      ex(
        'NVIDIA GPU driver is already pre-installed on the node, disabling the containerized driver',
        {},
        'https://github.com/NVIDIA/k8s-driver-manager/issues/191',
      ),
    ],
  },
  // ---- gVisor nvproxy ----
  {
    id: 'runtime.gvisor-nvproxy-unsupported-driver',
    source: 'container runtime',
    cite: `${GVISOR} pkg/sentry/devices/nvproxy/nvproxy.go Register(): the host driver version must be one nvproxy has an ABI table for`,
    format: 'unsupported Nvidia driver version: %s',
    versions:
      'logged by the sandbox as "FATAL ERROR: creating loader: registering filesystems: registering nvproxy driver: unsupported Nvidia driver version: VERSION" (only in the runsc debug log); the container engine sees only "cannot read client sync file: waiting for sandbox to start: EOF"',
    patterns: [
      /registering nvproxy driver: unsupported Nvidia driver version: (?<version>\d{3}\.\d{1,3}(?:\.\d{1,3})?)/,
    ],
    severity: 'error',
    title: "gVisor's nvproxy does not support this NVIDIA driver version",
    cause:
      "runsc with --nvproxy proxies the NVIDIA driver's ioctls itself and carries a table of the driver ABIs it knows, looked up by the exact host driver version; this version is not in it (even a patch release next to a supported one, as in google/gvisor#10605), so the sandbox exits while starting and every GPU container on the node fails",
    fix: '`runsc nvproxy list-supported-drivers` lists the versions this runsc knows: install one of them, or a newer runsc release that supports yours; if the version is ABI-identical to a supported one, --nvproxy-driver-version=SUPPORTED (or, newer runsc, --nvproxy-allow-unsupported-driver) runs it untested',
    render: render(
      'FATAL ERROR: creating loader: registering filesystems: registering nvproxy driver: ',
      '535.161.08',
    ),
    examples: [
      ex(
        'W0701 16:17:05.097621  2939814 util.go:64] FATAL ERROR: creating loader: registering filesystems: registering nvproxy driver: unsupported Nvidia driver version: 535.161.08',
        { version: '535.161.08' },
        'https://github.com/google/gvisor/issues/10605',
      ),
    ],
  },
  {
    id: 'runtime.gvisor-sandbox-start-eof',
    source: 'container runtime',
    cite: `${GVISOR} runsc/sandbox/sandbox.go Sandbox.createSandboxProcess()/waitForCreated(): reading the sync file the boot process writes once started ("cannot read client sync file: %w")`,
    format: 'cannot read client sync file: waiting for sandbox to start: EOF',
    versions:
      'wrapped by the runtime as "OCI runtime create failed: creating container: cannot create sandbox: cannot read client sync file: …"; older runsc "unable to read from the sync descriptor: 0, error EOF"',
    patterns: [/cannot read client sync file: waiting for sandbox to start: EOF/],
    severity: 'error',
    title: 'The gVisor sandbox died while starting',
    cause:
      'runsc started the sandbox (the runsc boot process) and it exited before reporting that it was up, so runsc read end-of-file on the sync pipe. The reason is only in the sandbox\'s own log: with GPUs (--nvproxy) most often the host NVIDIA driver version is one nvproxy does not support ("registering nvproxy driver: unsupported Nvidia driver version", google/gvisor#12773), otherwise a platform or configuration error at boot',
    fix: 'run runsc with --debug --debug-log=/tmp/runsc/ (runtime options in runsc.toml or the containerd runtime config), retry, and read the FATAL ERROR line of the boot log; for nvproxy compare `cat /proc/driver/nvidia/version` with `runsc nvproxy list-supported-drivers`',
    render: render('OCI runtime create failed: creating container: cannot create sandbox: '),
    examples: [
      ex(
        'OCI runtime create failed: creating container: cannot create sandbox:\n  cannot read client sync file: waiting for sandbox to start: EOF',
        {},
        'https://github.com/google/gvisor/pull/12774',
      ),
    ],
  },
  {
    id: 'runtime.gvisor-nvproxy-unknown-ioctl',
    source: 'container runtime',
    cite: `${GVISOR} pkg/sentry/devices/nvproxy/frontend.go rmControl() ("nvproxy: unknown control command %#x (paramsSize=%d)") and frontendFD.Ioctl() ("nvproxy: unknown frontend ioctl %d == %#x (argSize=%d, cmd=%#x)"); the UVM device has the same for its ioctls`,
    format: 'nvproxy: unknown control command %#x (paramsSize=%d)',
    versions:
      'logged at warning level in the runsc boot log (frontend.go) and the ioctl then fails with EINVAL; older runsc omit "(paramsSize=…)"',
    patterns: [
      /nvproxy: unknown (?<what>control command|frontend ioctl|uvm ioctl) (?<cmd>(?:0x)?[0-9a-fA-F]{1,10})\b/,
    ],
    severity: 'error',
    title: "The GPU program used an NVIDIA driver call gVisor's nvproxy does not allow",
    cause:
      'nvproxy passes to the host driver only the ioctls and resource-manager control commands it knows and checked; the CUDA or NVIDIA user-space library in the container issued one it does not (this one), so nvproxy failed it with EINVAL and the program reports a failure of its own ("no CUDA-capable device is detected", NCCL errors). New driver, CUDA and library releases use commands older runsc releases do not know — in google/gvisor#10647 a CUDA 12.5 image used a command the runsc of the time lacked, while CUDA 12.4 worked',
    fix: 'upgrade runsc to a release that supports the command (the gVisor issue tracker lists additions by command number), or use a CUDA/library version matching the driver versions runsc supports; report the line to gVisor if the newest release still lacks it',
    render: render('nvproxy: ', 0x20803801, 1928),
    examples: [
      ex(
        'runsc.log.20240710-210438.005411.boot.txt:W0710 21:04:41.244107  1128432 frontend.go:497] [  24:  24] nvproxy: unknown control command 0x20803801 (paramsSize=1928)',
        { what: 'control command', cmd: '0x20803801' },
        'https://github.com/google/gvisor/issues/10647',
      ),
      ex(
        'W0412 15:55:45.690854  1008391 frontend.go:180] [  15:  42] nvproxy: unknown frontend ioctl 212 == 0xd4 (argSize=128, cmd=0xc08046d4)',
        { what: 'frontend ioctl', cmd: '212' },
        'https://github.com/google/gvisor/issues/10272',
      ),
      ex(
        'nvproxy: unknown control command 0x20801230',
        { cmd: '0x20801230' },
        'https://github.com/google/gvisor/issues/9846',
      ),
    ],
  },
  // ---- Cloud TPU: libtpu's one-process lock ----
  {
    id: 'runtime.libtpu-in-use',
    source: 'userspace tool',
    cite: 'openxla/xla (earlier tensorflow/tensorflow) tensorflow/core/tpu/tpu_initializer_helper.cc TryAcquireTpuLock(): libtpu takes lockf() on /tmp/libtpu_lockfile for the life of the process; FindLibtpuProcess() names the holder',
    format:
      'The TPU is already in use by process with pid %d. Not attempting to load libtpu.so in this process.',
    versions:
      'older releases logged "libtpu.so already in use by another process. Run \\"$ sudo lsof -w /dev/accel0\\" to figure out which process is using the TPU. Not attempting to load libtpu.so in this process." (tpu_initializer_helper.cc:94) or "libtpu.so is already in use by process with pid N"; newer ones return ABORTED with "The TPU is already in use by process with pid N" or, when the holder cannot be found, "…by another process probably owned by another user … run \\"$ sudo rm /tmp/libtpu_lockfile\\""',
    patterns: [
      /The TPU is already in use by (?:process with pid (?<pid>\d{1,10})|another process)/,
      /libtpu\.so (?<old>(?:is )?already in used? by (?:another process|process with pid (?<oldpid>\d{1,10})))/,
    ],
    severity: 'error',
    title: 'Another process holds the TPU (libtpu allows one per host)',
    cause:
      'libtpu lets one process at a time use the TPU chips of a host: the first process that loads it takes a lock on /tmp/libtpu_lockfile (and opens the chips — /dev/accel* or, on newer TPU VMs, the VFIO groups /dev/vfio/N) until it exits, and any other process is refused, even if it would use other cores. The holder is another training job or notebook kernel, an earlier run that has not exited (hung, in tmux/screen), or a job that used the TPU without its scheduler knowing',
    fix: "find the holder (`sudo lsof -w /dev/accel0`, or `sudo lsof /dev/vfio/*` on VFIO-based TPU VMs; the pid in the message) and stop it; if no process holds it but the message stays, remove a stale lock with `sudo rm /tmp/libtpu_lockfile`. To use the TPU from several processes, use the framework's own multi-process launch (PJRT / xmp.spawn, jax.distributed) rather than independent scripts",
    refine: (f) =>
      f.old
        ? {
            severity: 'warning',
            cause:
              'the older libtpu logs this when a process finds the TPU already held and does not load libtpu — in multi-process training (torch_xla on several cores) processes the framework starts besides the one that owns the TPU print it while training runs normally, which is harmless noise that newer libtpu builds no longer print (pytorch/xla#3214); if the program itself then finds no TPU, another job holds it',
            fix: 'if training runs, ignore it or update libtpu/the TPU VM image; if the program finds no TPU, find the holder (`sudo lsof -w /dev/accel0`) and stop it, or remove a stale /tmp/libtpu_lockfile',
          }
        : undefined,
    render: render('jaxlib.xla_extension.XlaRuntimeError: ABORTED: ', 2239507),
    examples: [
      ex(
        'libtpu.so already in used by another process. Not attempting to load libtpu.so in this process.',
        { old: 'already in used by another process' },
        'https://github.com/pytorch/xla/issues/3214',
      ),
      ex(
        "RuntimeError: Unable to initialize backend 'tpu': ABORTED: The TPU is already in use by process with pid 22589. Not attempting to load libtpu.so in this process.",
        { pid: '22589' },
      ),
    ],
  },
  // ---- Cloud Hypervisor, as Kata runs it ----
  {
    id: 'chv.iommu-table-add-failed',
    source: 'cloud-hypervisor',
    cite: "cloud-hypervisor/cloud-hypervisor pci/src/vfio.rs VfioPciDevice::allocate_bars(), when the VFIO device's setup_dma_map() (mapping all guest RAM for DMA) fails",
    format: 'failed to add all guest memory regions into iommu table',
    versions:
      'newer releases append the error (": {}"); logged as "cloud-hypervisor: TIME: <vmm> ERROR:pci/src/vfio.rs:LINE -- failed to add …" and, under Kata, in the kata-hypervisor journal',
    patterns: [/failed to add all guest memory regions into iommu table/],
    severity: 'error',
    title: 'Cloud Hypervisor could not map guest memory for a VFIO device',
    cause:
      "to let a passed-through device DMA into the guest, Cloud Hypervisor maps all guest RAM through the host IOMMU (VFIO_IOMMU_MAP_DMA), which pins it; the mapping failed, so the device cannot work in the VM. Pinning needs the guest's whole RAM resident and within the process's locked-memory limit: in kata-containers/tests#2624 the (nested) host ran out of memory — raising the L1 VM's memory from 4 to 8 GiB fixed it; a low RLIMIT_MEMLOCK for the VMM (a container runtime's default) gives the same",
    fix: 'make sure the host has the guest RAM free to pin, and raise the VMM\'s memlock limit to at least guest RAM (LimitMEMLOCK=infinity for the service that starts it, or the runtime\'s rlimit); dmesg shows "vfio_pin_pages_remote: RLIMIT_MEMLOCK … exceeded" for the limit case',
    render: render('cloud-hypervisor: 11.035738247s: ERROR:pci/src/vfio.rs:861 -- '),
    examples: [
      ex(
        'Jun 25 02:27:14 test kata-hypervisor[12115]: cloud-hypervisor: 11.035738247s: ERROR:pci/src/vfio.rs:861 -- failed to add all guest memory regions into iommu table',
        {},
        'https://github.com/kata-containers/tests/pull/2624',
      ),
    ],
  },
];
