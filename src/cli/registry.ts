/**
 * The command tree. Each `*.cli.ts` module only declares its commands and options; the work is
 * in modules it imports lazily inside the action, so `vfiokit --help` loads nothing heavy.
 *
 * When the command line names a command, only that command is declared: building every
 * commander subtree costs milliseconds at each start-up (measured with --cpu-prof), and a CLI
 * used in scripts starts often. Help, usage errors and the host report declare them all.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { registerBind, registerRelease, registerRestore } from './commands/bind.cli.js';
import { registerConfig } from './commands/config.cli.js';
import { registerDevice } from './commands/device.cli.js';
import { registerDevices } from './commands/devices.cli.js';
import { registerDiagnose } from './commands/diagnose.cli.js';
import { registerDoctor } from './commands/doctor.cli.js';
import { registerExplain } from './commands/explain.cli.js';
import { registerExport } from './commands/export.cli.js';
import { registerFleet } from './commands/fleet.cli.js';
import { registerGroups } from './commands/groups.cli.js';
import { registerGuard } from './commands/guard.cli.js';
import { registerHandback, registerHandover } from './commands/handover.cli.js';
import { registerHook } from './commands/hook.cli.js';
import { registerHugepages } from './commands/hugepages.cli.js';
import { registerIgd } from './commands/igd.cli.js';
import { registerReport } from './commands/report.cli.js';
import { registerRom } from './commands/rom.cli.js';
import { registerSetup } from './commands/setup.cli.js';
import { registerSnapshot } from './commands/snapshot.cli.js';
import { registerUi } from './commands/ui.cli.js';
import { registerDown, registerUp } from './commands/up.cli.js';
import { registerVm } from './commands/vm.cli.js';

/** Top-level command name → the function that declares it. */
const commands: [string, (program: Command) => void][] = [
  ['devices', registerDevices],
  ['device', registerDevice],
  ['snapshot', registerSnapshot],
  ['groups', registerGroups],
  ['explain', registerExplain],
  ['doctor', registerDoctor],
  ['diagnose', registerDiagnose],
  ['rom', registerRom],
  ['fleet', registerFleet],
  ['export', registerExport],
  ['setup', registerSetup],
  ['igd', registerIgd],
  ['bind', registerBind],
  ['release', registerRelease],
  ['restore', registerRestore],
  ['guard', registerGuard],
  ['handover', registerHandover],
  ['handback', registerHandback],
  ['hook', registerHook],
  ['config', registerConfig],
  ['vm', registerVm],
  ['hugepages', registerHugepages],
  ['up', registerUp],
  ['down', registerDown],
  ['ui', registerUi],
];

/** Global options that take a value, so their value is not mistaken for a command name. */
const valueOptions = new Set(['--root']);

function namedCommand(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (valueOptions.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

export function registerCommands(program: Command, argv: readonly string[] = []): void {
  const named = namedCommand(argv);
  const only = commands.find(([name]) => name === named);
  if (only) {
    only[1](program);
    return;
  }
  if (named !== undefined && named !== 'help') {
    throw new UsageError(`unknown command '${named}'`, {
      hint: `commands: ${commands.map(([name]) => name).join(', ')} (vfiokit --help)`,
    });
  }
  registerReport(program);
  for (const [, register] of commands) register(program);
  // The host report is the program's own action, which turns off commander's implicit
  // `help COMMAND`; keep it, people type it.
  program.helpCommand(true);
}
