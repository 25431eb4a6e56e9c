/**
 * The running kernel's build configuration: /boot/config-$(uname -r) as distributions install
 * it, or /proc/config.gz when the kernel was built with CONFIG_IKCONFIG_PROC. Only the values
 * matter here ("y", "m", a string, or "not set").
 */
export interface KernelConfig {
  source: string;
  values: Map<string, string>;
}

export function parseKernelConfig(text: string, source: string): KernelConfig {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (m) values.set(m[1], m[2].replace(/^"|"$/g, ''));
    const n = /^# (CONFIG_[A-Za-z0-9_]+) is not set/.exec(line);
    if (n) values.set(n[1], 'n');
  }
  return { source, values };
}
