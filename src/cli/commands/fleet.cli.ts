import type { Command } from 'commander';
import { action } from '../context.js';
import type { FleetCliOptions } from './fleet.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerFleet(program: Command): void {
  program
    .command('fleet')
    .description('many hosts from their snapshots: per host and per device model, where passthrough works')
    .argument('<snapshot...>', 'snapshots (.tar.gz or directories), directories of snapshots, or NAME=PATH')
    .option(
      '--diff',
      'compare two snapshots of one host (OLD NEW): added, removed, moved devices, changed groups',
    )
    .option(
      '--model <vendor:device>',
      'also judge devices of this model (repeatable), e.g. 1b36:0010',
      collect,
    )
    .option('--jobs <n>', 'worker threads reading snapshots (default: one per CPU, at most 8)')
    .option(
      '--verify',
      'also inflate the tar entries after each snapshot pack and check them against its CRC-32 (as slow as archives without a pack)',
    )
    .option('--verbose', 'say which archives were read without their snapshot pack, and why')
    .action(
      action(async (ctx, snapshots: string[], opts: FleetCliOptions) => {
        const { runFleet } = await import('./fleet.js');
        return runFleet(ctx, snapshots, opts);
      }),
    );
}
