/**
 * `vfiokit vm init`: read the host (--root or /), ask what it cannot know (name, disk, guest OS;
 * only on a terminal, --yes takes the defaults), and write a spec the spec parser accepts.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline/promises';
import { stringify } from 'yaml';
import { EnvironmentError, ExitCode, errnoCode, showPath, UsageError } from '../../errors.js';
import { readCpuTopology } from '../../host/cpu-topology.js';
import { readPciDevices } from '../../host/pci-sysfs.js';
import type { VmInitJson } from '../../schema/outputs/vm-init.js';
import { type InitAnswers, initSpec } from '../../vm/init-spec.js';
import { parseVmSpec } from '../../vm/spec/parse-spec.js';
import type { CliContext } from '../context.js';

export interface VmInitOptions {
  output?: string;
  yes?: boolean;
  name?: string;
  disk?: string;
  windows?: boolean;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

function memTotal(ctx: CliContext): number | undefined {
  const m = /^MemTotal:\s+(\d{1,15})\s+kB$/m.exec(ctx.root().readText('/proc/meminfo', 1024 * 1024) ?? '');
  return m ? Number(m[1]) * 1024 : undefined;
}

async function ask(defaults: InitAnswers, interactive: boolean, ctx: CliContext): Promise<InitAnswers> {
  if (!interactive) return defaults;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const q = async (text: string, def: string, ok: (s: string) => boolean, why: string) => {
      for (;;) {
        const a = (await rl.question(`${text} [${def}]: `)).trim() || def;
        if (ok(a)) return a;
        ctx.err(`  ${why}`);
      }
    };
    const name = await q(
      'VM name',
      defaults.name,
      (s) => NAME_RE.test(s),
      'letters, digits, . _ - (at most 63)',
    );
    const disk = await q(
      'disk image (absolute path)',
      `/var/lib/libvirt/images/${name}.qcow2`,
      (s) => /^\/[^\0\n]*$/.test(s),
      'an absolute path',
    );
    const win = await q(
      'is the guest Windows? (y/n)',
      defaults.windows ? 'y' : 'n',
      (s) => /^[yn]/i.test(s),
      'y or n',
    );
    return { name, disk, windows: /^y/i.test(win) };
  } finally {
    rl.close();
  }
}

// long: one command: options, host read, spec, write, report, in order
export async function runVmInit(ctx: CliContext, opts: VmInitOptions): Promise<number> {
  const name = opts.name ?? 'win11';
  if (!NAME_RE.test(name))
    throw new UsageError(`--name ${showPath(name)}: expected letters, digits, . _ - (at most 63)`, {
      code: 'vm.init',
    });
  if (opts.disk !== undefined && !opts.disk.startsWith('/'))
    throw new UsageError(
      `--disk ${showPath(opts.disk)}: expected an absolute path (libvirt refuses relative ones)`,
      {
        code: 'vm.init',
      },
    );
  if (opts.output !== undefined && fs.existsSync(opts.output))
    throw new UsageError(`${showPath(opts.output)} exists; vm init does not overwrite a spec`, {
      code: 'vm.init-exists',
      hint: 'give another -o FILE, or remove it first',
    });
  const root = ctx.root();
  const topo = readCpuTopology(root);
  if (!topo.ok)
    throw new EnvironmentError(`the CPU topology of ${root.name} is unknown: ${topo.reason}`, {
      code: 'vm.init-cpu',
    });
  const defaults: InitAnswers = {
    name,
    disk: opts.disk ?? `/var/lib/libvirt/images/${name}.qcow2`,
    windows: opts.windows !== false,
  };
  const interactive = !opts.yes && !ctx.json && Boolean(process.stdin.isTTY);
  const answers = await ask(defaults, interactive, ctx);
  const { spec, reasons } = initSpec({
    devices: readPciDevices(root),
    memTotalBytes: memTotal(ctx),
    topology: topo.topology,
    answers,
  });
  const header = [
    `vfiokit VM spec for ${spec.name} (docs/vm.md), written by vfiokit vm init from ${root.name}.`,
    ...reasons,
    ...(interactive
      ? []
      : ['defaults taken (no terminal, or --yes): check the name, the disk and the guest OS']),
  ];
  const text = `${header.map((l) => `# ${l}`).join('\n')}\n${stringify(spec)}`;
  // What is written must be what the spec parser accepts: parse it back before writing.
  parseVmSpec(text, opts.output ?? 'vm init output');
  if (ctx.json) {
    const doc: VmInitJson = {
      schema: 'vfiokit.vm-init/1',
      spec,
      reasons,
      yaml: text,
      ...(opts.output ? { file: opts.output } : {}),
    };
    ctx.printJson(doc);
  }
  if (opts.output !== undefined) {
    try {
      fs.writeFileSync(opts.output, text, { flag: 'wx' });
    } catch (e) {
      throw new EnvironmentError(`cannot write ${showPath(opts.output)}: ${errnoCode(e) ?? String(e)}`, {
        code: 'vm.init-write',
      });
    }
    if (!ctx.json) ctx.err(`vfiokit: wrote ${showPath(opts.output)}`);
  } else if (!ctx.json) ctx.out(text.replace(/\n$/, ''));
  return ExitCode.ok;
}
