/**
 * `vfiokit config qemu SPEC` and `vfiokit config libvirt SPEC [--patch DOMAIN.xml]`: one VM spec
 * (docs/vm.md) rendered as a QEMU command line or a libvirt domain. Declarations only; the work
 * is in config.ts.
 */

import type { Command } from 'commander';
import { action } from '../context.js';
import type { ConfigOptions } from './config.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description('write the QEMU command line or the libvirt domain XML for a VM spec (docs/vm.md)');
  const firmwareOpt = [
    '--firmware-dir <dir>',
    'read QEMU firmware descriptors from this directory (repeatable; default /usr/share/qemu/firmware and /etc/qemu/firmware)',
    collect,
  ] as const;
  config
    .command('qemu')
    .description('the qemu-system-x86_64 command line, shell-quoted (--json: an argv array)')
    .argument('<spec>', 'the VM spec (YAML)')
    .option(...firmwareOpt)
    .action(
      action(async (ctx, spec: string, opts: ConfigOptions) => {
        const { runConfig } = await import('./config.js');
        return runConfig(ctx, 'qemu', spec, opts);
      }),
    );
  config
    .command('libvirt')
    .description('the libvirt domain XML (virsh define FILE)')
    .argument('<spec>', 'the VM spec (YAML)')
    .option(
      '--patch <domain.xml>',
      'add what the spec needs to this domain (virsh dumpxml NAME), leaving the rest as it is',
    )
    .option(...firmwareOpt)
    .action(
      action(async (ctx, spec: string, opts: ConfigOptions) => {
        const { runConfig } = await import('./config.js');
        return runConfig(ctx, 'libvirt', spec, opts);
      }),
    );
}
