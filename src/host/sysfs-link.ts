/**
 * One sysfs symlink (a device's `driver`, `iommu_group`, a /sys/bus/pci/devices entry), read so
 * that a damaged snapshot cannot pass for a fact:
 *
 * - a real link gives its target;
 * - no entry at all gives `absent` (for `driver` that is sysfs's own way of saying "no driver");
 * - a plain file whose whole content is a relative path ("../../../bus/pci/drivers/vfio-pci") is
 *   what zip, some copy tools and checkouts without symlink support leave of a link: `flattened`,
 *   with the text it holds, so callers can name what it claims without trusting it;
 * - anything else in its place (a directory, a file with other content, an entry that cannot be
 *   read) is `broken`, with the reason.
 *
 * Only the HostRoot interface is used, so the root's own containment and read bounds apply.
 */
import { VfiokitError } from '../errors.js';
import type { HostRoot } from './root.js';

export type SysfsLink =
  | { kind: 'link'; target: string }
  | { kind: 'absent' }
  | { kind: 'flattened'; target: string }
  | { kind: 'broken'; reason: string };

/** Link texts sysfs makes are relative paths of a few hundred bytes at most. */
const FLAT_MAX = 4096;

/** The whole content of a flattened link: "../" steps, then path components, nothing else. */
const FLAT_TEXT = /^(\.\.\/)+[^\0\n]*[^/\0\n]$/;

/** A relative link text as it appears in a flattened file, or undefined if the bytes are not one. */
export function flattenedTarget(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0 || bytes.length >= FLAT_MAX) return undefined;
  const text = Buffer.from(bytes).toString('latin1');
  return FLAT_TEXT.test(text) ? text : undefined;
}

/** Classify the entry at a host path; never throws for a damaged entry, only reports it. */
export function readSysfsLink(root: HostRoot, hostPath: string): SysfsLink {
  try {
    const target = root.readLink(hostPath);
    if (target !== undefined) return { kind: 'link', target };
    if (root.isDir(hostPath)) return { kind: 'broken', reason: `${hostPath} is a directory, not a link` };
    if (!root.exists(hostPath)) return { kind: 'absent' };
    const bytes = root.readBytes(hostPath, FLAT_MAX);
    if (bytes === undefined) return { kind: 'absent' };
    const flat = flattenedTarget(bytes);
    if (flat !== undefined) return { kind: 'flattened', target: flat };
    return { kind: 'broken', reason: `${hostPath} is a plain file, not a link` };
  } catch (e) {
    const why = e instanceof VfiokitError ? e.message : `cannot read ${hostPath}: ${(e as Error).message}`;
    return { kind: 'broken', reason: why };
  }
}

/** The last path component of a link target ("../../../bus/pci/drivers/vfio-pci" → "vfio-pci"). */
export const linkBasename = (target: string) => target.slice(target.lastIndexOf('/') + 1);

/** One line for users: a link found flattened and what it claims, which is not taken as fact. */
export function flattenedReason(hostPath: string, target: string): string {
  return `${hostPath} is a flattened link (a plain file holding "${target}")`;
}
