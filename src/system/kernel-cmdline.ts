/**
 * The kernel command line as the kernel parses it (kernel/params.c next_arg, init/main.c):
 * words separated by spaces, double quotes group a value with spaces, and everything after a
 * bare "--" goes to init, not to the kernel. In module parameters ("vfio-pci.ids=") the kernel
 * treats '-' and '_' alike (parameq in kernel/params.c), so names are normalised to '_'.
 */

export interface KernelParam {
  /** The name as written, e.g. "vfio-pci.ids". */
  raw: string;
  /** Normalised: '-' → '_' (so "vfio-pci.ids" and "vfio_pci.ids" compare equal). */
  name: string;
  /** Undefined for a bare flag such as "quiet". */
  value?: string;
}

export interface KernelCmdline {
  text: string;
  params: KernelParam[];
}

export function normaliseParamName(name: string): string {
  return name.replace(/-/g, '_');
}

export function parseKernelCmdline(text: string): KernelCmdline {
  const params: KernelParam[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i])) i++;
    if (i >= s.length) break;
    let word = '';
    let quoted = false;
    while (i < s.length && (quoted || !/\s/.test(s[i]))) {
      if (s[i] === '"') quoted = !quoted;
      else word += s[i];
      i++;
    }
    if (word === '--') break;
    const eq = word.indexOf('=');
    const raw = eq < 0 ? word : word.slice(0, eq);
    params.push({ raw, name: normaliseParamName(raw), value: eq < 0 ? undefined : word.slice(eq + 1) });
  }
  return { text, params };
}

/** Every value given for a parameter (a parameter may be repeated; the kernel sees each). */
export function paramValues(cmdline: KernelCmdline, name: string): string[] {
  const n = normaliseParamName(name);
  return cmdline.params.filter((p) => p.name === n).map((p) => p.value ?? '');
}

/** "intel_iommu=on,sm_on" → ["on", "sm_on"] across all occurrences. */
export function paramOptions(cmdline: KernelCmdline, name: string): string[] {
  return paramValues(cmdline, name).flatMap((v) => v.split(',').filter(Boolean));
}
