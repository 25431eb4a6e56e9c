/**
 * The command tree. Each `*.cli.ts` module only declares its commands and options; the work is
 * in modules it imports lazily inside the action, so `vfiokit --help` loads nothing heavy.
 */
import type { Command } from 'commander';
import { registerDevice } from './commands/device.cli.js';
import { registerDevices } from './commands/devices.cli.js';
import { registerDiagnose } from './commands/diagnose.cli.js';
import { registerDoctor } from './commands/doctor.cli.js';
import { registerExplain } from './commands/explain.cli.js';
import { registerGroups } from './commands/groups.cli.js';
import { registerReport } from './commands/report.cli.js';
import { registerRom } from './commands/rom.cli.js';
import { registerSnapshot } from './commands/snapshot.cli.js';

export function registerCommands(program: Command): void {
  registerReport(program);
  registerDevices(program);
  registerDevice(program);
  registerSnapshot(program);
  registerGroups(program);
  registerExplain(program);
  registerDoctor(program);
  registerDiagnose(program);
  registerRom(program);
}
