/**
 * Boots one lab topology by hand.
 *   npx tsx lab/run.ts --topology desktop --shell        a root shell in the guest (Ctrl-A X quits)
 *   npx tsx lab/run.ts --topology server --cmd 'lspci -tv'
 *   npx tsx lab/run.ts --topology legacy --suite         the guest suite with the lab's vfiokit commands
 *   npx tsx lab/run.ts --list
 * Exit status: the guest command's (255 when the guest never reported one, e.g. on timeout).
 */
import { join } from 'node:path';
import { Command } from 'commander';
import { formatErrorLine, VfiokitError } from '../src/errors.js';
import { boot } from './boot.js';
import { labCommandsFor } from './commands.js';
import { newOutDir, repoRoot } from './paths.js';
import { runSuite } from './suite.js';
import { topologies, topologyByName } from './topologies/index.js';

const program = new Command('lab/run.ts')
  .option('-t, --topology <name>', 'topology to boot', 'desktop')
  .option('--shell', 'interactive root shell on the serial console')
  .option('--cmd <command>', 'run one shell command in the guest and power off')
  .option('--suite', 'run the lab suite (kernel truth + vfiokit commands) and write results.json')
  .option('--timeout <seconds>', 'kill the guest after this many seconds', '300')
  .option('--list', 'list the topologies')
  .option('-q, --quiet', 'do not echo the guest console');

async function main(): Promise<number> {
  program.parse();
  const o = program.opts<{
    topology: string;
    shell?: boolean;
    cmd?: string;
    suite?: boolean;
    timeout: string;
    list?: boolean;
    quiet?: boolean;
  }>();
  if (o.list) {
    for (const t of topologies) console.log(`${t.name.padEnd(8)} ${t.summary}`);
    return 0;
  }
  const topology = topologyByName(o.topology);
  const timeoutMs = Number(o.timeout) * 1000;
  const echo = o.quiet ? undefined : (s: string) => process.stderr.write(s);
  if (o.suite) {
    const r = await runSuite(topology, { commands: labCommandsFor(topology), timeoutMs, onConsole: echo });
    console.log(
      `lab: ${topology.name}: exit ${r.boot.exitCode}, ready ${r.boot.readySeconds}s, ` +
        `wall ${(r.boot.wallMs / 1000).toFixed(1)}s (${r.boot.accel}); results in ${r.outDir}/results.json`,
    );
    return r.boot.exitCode;
  }
  const outDir = newOutDir(topology.name);
  // The guest's / is the host's under a tmpfs overlay, so a `vfiokit` on its PATH costs the host nothing.
  const wrapper = `printf '#!/bin/sh\\nexec ${process.execPath} ${join(repoRoot, 'bin/vfiokit')} "$@"\\n' > /usr/local/bin/vfiokit; chmod +x /usr/local/bin/vfiokit`;
  const command = `${wrapper}; ${o.shell ? 'cd /root; exec setsid -c bash -i' : (o.cmd ?? 'lspci -tvnn')}`;
  const r = await boot({
    topology,
    command,
    outDir,
    timeoutMs: o.shell ? undefined : timeoutMs,
    interactive: o.shell,
    onConsole: echo,
  });
  console.error(
    `lab: ${topology.name}: exit ${r.exitCode}${r.timedOut ? ' (timeout)' : ''}, ready ${r.readySeconds}s, wall ${(r.wallMs / 1000).toFixed(1)}s (${r.accel}); out dir ${outDir}`,
  );
  return r.exitCode;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof VfiokitError ? `lab: ${formatErrorLine(e)}` : e);
    process.exit(e instanceof VfiokitError ? e.exitCode : 1);
  },
);
