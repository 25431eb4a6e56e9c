/**
 * Explanations that depend on a message's facts, for catalogue entries whose one wording covers
 * causes that differ by errno or by power state. Errno values arrive as names (ENOMEM): the engine
 * normalises "Cannot allocate memory", -12 and 12 to one `errno` fact (errno.ts).
 */
import type { Refinement } from '../entry.js';

type Facts = Readonly<Record<string, string>>;

/**
 * QEMU's vfio_pci_pre_reset() (hw/vfio/pci.c) reads the state from the PM control register. A
 * device that no longer answers config space reads all-ones, whose low bits say D3: so "stuck in
 * D3" is also what a device powered off by the host's runtime PM, or lost after a failed reset,
 * prints. D1/D2 come only from a driver writing them: the guest's.
 */
export function refineStuckInD3(f: Facts): Refinement | undefined {
  if (f.state === '1' || f.state === '2')
    return {
      cause: `the guest driver left the device in D${f.state} and it did not return to D0 before the reset`,
      fix: 'update the guest driver; if it persists the device needs a host power cycle',
    };
  return undefined;
}
