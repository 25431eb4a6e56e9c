/**
 * V8 tuning for a command that reads a whole host once and exits. A scan of thousands of PCI
 * functions calls each reader function thousands of times: enough for V8 to optimise them with
 * TurboFan on its background threads, but too late for the optimised code to repay that work
 * before the process exits. Without TurboFan (Ignition and Sparkplug only) `vfiokit groups` on
 * the bench's 4,096-function tree took about a fifth less user CPU time (0.9 s against 1.1 s) and
 * 11 MB less peak memory (72 against 84 MB; alternating runs under /usr/bin/time). The flag is
 * read each time V8 considers optimising, so setting it at the start of the command takes effect.
 *
 * Only in the built CLI: a process that runs commands in-process (a test runner) keeps its
 * optimising compiler.
 */
import { setFlagsFromString } from 'node:v8';

declare const VFIOKIT_VERSION: string | undefined;

export function tuneForOneShotScan(): void {
  if (typeof VFIOKIT_VERSION === 'string') setFlagsFromString('--no-opt');
}
