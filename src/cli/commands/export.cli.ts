import type { Command } from 'commander';
import { action } from '../context.js';
import type { ExportCliOptions } from './export.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerExport(program: Command): void {
  const exp = program
    .command('export')
    .description('what vfiokit knows, in the formats of Kubernetes (NFD, KubeVirt) and Proxmox VE');
  exp
    .command('nfd')
    .description("this host's passthrough facts as a Node Feature Discovery feature file (features.d)")
    .option('-o, --output <file>', 'write the file (atomically, as NFD asks) instead of printing it')
    .option('--ttl <seconds>', 'add "# +expiry-time": the labels expire unless rewritten in time')
    .option('--model <vendor:device>', 'also label devices of this model (repeatable)', collect)
    .action(
      action(async (ctx, opts: ExportCliOptions) => {
        const { runExportNfd } = await import('./export.js');
        return runExportNfd(ctx, opts);
      }),
    );
  exp
    .command('kubevirt')
    .description(
      'permittedHostDevices.pciHostDevices for the KubeVirt CR, for models assignable on the hosts',
    )
    .argument('<snapshot...>', 'snapshots (.tar.gz or directories), directories of snapshots, or NAME=PATH')
    .option('-o, --output <file>', 'write the YAML to a file instead of printing it')
    .option('--external-provider', 'externalResourceProvider: true (another device plugin advertises them)')
    .option('--resource-domain <domain>', 'resourceName domain (default: the vendor, e.g. nvidia.com)')
    .option('--model <vendor:device>', 'also consider devices of this model (repeatable)', collect)
    .option('--jobs <n>', 'worker threads reading snapshots')
    .action(
      action(async (ctx, snapshots: string[], opts: ExportCliOptions) => {
        const { runExportKubevirt } = await import('./export.js');
        return runExportKubevirt(ctx, snapshots, opts);
      }),
    );
  exp
    .command('proxmox')
    .description('cluster-wide PCI resource mappings (/etc/pve/mapping/pci.cfg), one entry per node')
    .argument('<snapshot...>', 'one snapshot per node, named NODE=PATH or after the file (NODE.tar.gz)')
    .option('-o, --output <file>', 'write pci.cfg to a file instead of printing it')
    .option('--model <vendor:device>', 'also map devices of this model (repeatable)', collect)
    .option('--jobs <n>', 'worker threads reading snapshots')
    .action(
      action(async (ctx, snapshots: string[], opts: ExportCliOptions) => {
        const { runExportProxmox } = await import('./export.js');
        return runExportProxmox(ctx, snapshots, opts);
      }),
    );
}
