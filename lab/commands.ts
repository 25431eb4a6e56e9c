/**
 * The vfiokit invocations the lab suite runs inside every guest (see LabCommand for placeholders).
 * Baseline commands see the machine as booted, before any binding; scenario commands run after
 * each binding step, so viability can be compared with the kernel's verdict at that moment.
 */
import type { LabCommands } from './suite.js';

export const labCommands: LabCommands = {
  baseline: [],
  scenario: [],
};
