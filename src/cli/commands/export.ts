/**
 * `vfiokit export nfd|kubevirt|proxmox`: the fleet analyses in the formats of the engines that
 * place VMs on hosts. Warnings (a model not assignable on some host) go to stderr and make the
 * exit code 1; the export itself goes to stdout or -o FILE.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError, UsageError } from '../../errors.js';
import type { FleetReport } from '../../fleet/report.js';
import type { CliContext } from '../context.js';
import { parseJobs, parseModels } from './fleet.js';

export interface ExportCliOptions {
  output?: string;
  model?: string[];
  jobs?: string;
  ttl?: string;
  externalProvider?: boolean;
  resourceDomain?: string;
}

/** Write next to the target under a dot name (NFD ignores dot files), then rename over it. */
export function writeAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    fs.writeFileSync(tmp, text, { mode: 0o644 });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new EnvironmentError(
      `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      {
        code: 'export.write',
      },
    );
  }
}

async function fleet(snapshots: string[], opts: ExportCliOptions): Promise<FleetReport> {
  const { expandInputs } = await import('../../fleet/inputs.js');
  const { readHosts } = await import('../../fleet/pool.js');
  const { buildFleetReport } = await import('../../fleet/report.js');
  const hosts = await readHosts(expandInputs(snapshots), {
    jobs: parseJobs(opts.jobs),
    models: parseModels(opts.model),
  });
  return buildFleetReport(hosts);
}

function emit(ctx: CliContext, text: string, opts: ExportCliOptions, warnings: string[]): number {
  for (const w of warnings) ctx.err(`vfiokit: warning: ${w}`);
  if (opts.output) writeAtomic(opts.output, text);
  else ctx.out(text.replace(/\n$/, ''));
  return warnings.length ? 1 : 0;
}

export async function runExportNfd(ctx: CliContext, opts: ExportCliOptions): Promise<number> {
  const { summarizeHost } = await import('../../fleet/host-summary.js');
  const { nfdFile, nfdLabels, NFD_MAX_BYTES, rfc3339 } = await import('../../export/nfd.js');
  let expiry: Date | undefined;
  if (opts.ttl !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(opts.ttl))
      throw new UsageError(`--ttl ${opts.ttl}: expected seconds, e.g. 3600`);
    expiry = new Date(Date.now() + Number(opts.ttl) * 1000);
  }
  const root = ctx.root();
  const h = summarizeHost(root, root.name, root.name, parseModels(opts.model));
  if (h.status === 'unreadable') {
    // No labels rather than wrong ones: an existing file expires (--ttl) or stays as it was.
    throw new EnvironmentError(`cannot read this host: ${h.error}`, { code: 'export.unreadable' });
  }
  const text = nfdFile(h, { expiry });
  if (Buffer.byteLength(text) > NFD_MAX_BYTES)
    throw new EnvironmentError(
      `the feature file would exceed NFD's 64 kB limit (${Buffer.byteLength(text)} bytes)`,
      {
        hint: 'NFD ignores larger files; name fewer --model values',
        code: 'export.nfd-size',
      },
    );
  if (ctx.json) {
    ctx.printJson({
      schema: 'vfiokit.export-nfd/1',
      root: root.name,
      expiry: expiry && rfc3339(expiry),
      labels: Object.fromEntries(nfdLabels(h).map((l) => [l.name, l.value])),
    });
    if (opts.output) writeAtomic(opts.output, text);
    return 0;
  }
  return emit(ctx, text, opts, []);
}

export async function runExportKubevirt(
  ctx: CliContext,
  snapshots: string[],
  opts: ExportCliOptions,
): Promise<number> {
  const { kubevirtExport, kubevirtYaml } = await import('../../export/kubevirt.js');
  if (
    opts.resourceDomain !== undefined &&
    !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(opts.resourceDomain)
  )
    throw new UsageError(
      `--resource-domain ${opts.resourceDomain}: expected a DNS subdomain, e.g. example.com`,
    );
  const e = kubevirtExport(await fleet(snapshots, opts), {
    externalResourceProvider: opts.externalProvider,
    resourceDomain: opts.resourceDomain,
  });
  if (ctx.json) {
    ctx.printJson({ schema: 'vfiokit.export-kubevirt/1', kubevirt: e.cr, warnings: e.warnings });
    if (opts.output) writeAtomic(opts.output, kubevirtYaml(e));
    return e.warnings.length ? 1 : 0;
  }
  return emit(ctx, kubevirtYaml(e), opts, e.warnings);
}

export async function runExportProxmox(
  ctx: CliContext,
  snapshots: string[],
  opts: ExportCliOptions,
): Promise<number> {
  const { pciCfg, proxmoxExport } = await import('../../export/proxmox.js');
  const e = proxmoxExport(await fleet(snapshots, opts));
  if (ctx.json) {
    ctx.printJson({ schema: 'vfiokit.export-proxmox/1', mappings: e.mappings, warnings: e.warnings });
    if (opts.output) writeAtomic(opts.output, pciCfg(e.mappings));
    return e.warnings.length ? 1 : 0;
  }
  return emit(ctx, pciCfg(e.mappings), opts, e.warnings);
}
