import type { Command } from 'commander';
import { action } from '../context.js';
import type { HookCliOptions } from './hook.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerHook(program: Command): void {
  const hook = program.command('hook').description('libvirt hooks that run vfiokit');
  hook
    .command('install')
    .description(
      'write /etc/libvirt/hooks/qemu.d/vfiokit: hand the GPU over when the chosen domains start and back when they stop (libvirt >= 6.5.0)',
    )
    .argument('[gpu]', 'the GPU (default: the boot GPU)')
    .option(
      '--domain <name>',
      'a libvirt domain (repeatable; default: those whose XML passes the GPU through)',
      collect,
    )
    .option('--vfiokit <path>', 'the vfiokit program the hook runs (default: this one)')
    .option('--dry-run', 'show the hook and its diff, change nothing (the default)')
    .option('--apply', 'write it (journaled)')
    .option('--undo', 'remove the hook vfiokit wrote')
    .option('--lock-wait <seconds>', 'how long to wait for another vfiokit to finish', '10')
    .action(
      action(async (ctx, gpu: string | undefined, opts: HookCliOptions) => {
        const { runHookInstall } = await import('./hook.js');
        return runHookInstall(ctx, gpu, opts);
      }),
    );
}
