/**
 * Reads the running kernel's build configuration (/boot/config-RELEASE, else /proc/config.gz);
 * the parsing is the model's (system/kernel-config.ts).
 */
import { gunzipSync } from 'node:zlib';
import { type KernelConfig, parseKernelConfig } from '../system/kernel-config.js';
import type { HostRoot } from './root.js';

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
