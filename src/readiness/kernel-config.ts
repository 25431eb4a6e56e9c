/**
 * The running kernel's build configuration: /boot/config-$(uname -r) as distributions install
 * it, or /proc/config.gz when the kernel was built with CONFIG_IKCONFIG_PROC. Only the values
 * matter here ("y", "m", a string, or "not set").
 */
import { gunzipSync } from 'node:zlib';
import type { HostRoot } from '../host/root.js';

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

/** Reads the config through the root; undefined when neither file exists. Throws on EACCES. */
export function readKernelConfig(root: HostRoot, release: string | undefined): KernelConfig | undefined {
  if (release) {
    const p = `/boot/config-${release}`;
    const t = root.readText(p);
    if (t !== undefined) return parseKernelConfig(t, p);
  }
  const gz = root.readBytes('/proc/config.gz');
  if (gz && gz.length > 0) {
    try {
      return parseKernelConfig(gunzipSync(gz).toString('utf8'), '/proc/config.gz');
    } catch {
      return undefined;
    }
  }
  return undefined;
}
