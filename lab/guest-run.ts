/**
 * One lab run of a guest script against the project's build: a fresh output directory, the build
 * copied into it (so a rebuild meanwhile cannot change the files under the running guest), a
 * `vfiokit` on the guest's PATH that runs that copy with the host's node, one boot in a lab slot,
 * and a reader for the files the script leaves in the output directory.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BootResult, boot } from './boot.js';
import { newOutDir, repoRoot } from './paths.js';
import { inLabSlot } from './pool.js';
import type { LabTopology } from './topology.js';

export interface GuestRun extends BootResult {
  outDir: string;
  /** A file the guest wrote to the output directory, or "(no NAME)" when it wrote none. */
  read(file: string): string;
  /** One line for the test's diagnostics: accelerator, boot time, wall time, output directory. */
  summary: string;
}

export interface GuestRunOptions {
  topology: LabTopology;
  /** The guest command, run after `vfiokit` is installed in /usr/local/bin. */
  command: string;
  /** The guest's time limit when VFIOKIT_LAB_TIMEOUT_S does not set one. */
  defaultTimeoutS: number;
}

/** The output directory and build copy for one run, made before the boot so a test can add files. */
export function prepareGuestRun(label: string): {
  outDir: string;
  boot(opts: GuestRunOptions): Promise<GuestRun>;
} {
  const outDir = newOutDir(label);
  const build = join(outDir, 'build');
  cpSync(join(repoRoot, 'bin'), join(build, 'bin'), { recursive: true });
  cpSync(join(repoRoot, 'dist'), join(build, 'dist'), { recursive: true });
  const install = `printf '#!/bin/sh\\nexec ${process.execPath} ${join(build, 'bin/vfiokit')} "$@"\\n' > /usr/local/bin/vfiokit; chmod +x /usr/local/bin/vfiokit`;
  const read = (file: string): string => {
    try {
      return readFileSync(join(outDir, file), 'utf8');
    } catch {
      return `(no ${file})`;
    }
  };
  return {
    outDir,
    async boot(opts) {
      const r = await inLabSlot(() =>
        boot({
          topology: opts.topology,
          command: `${install}; ${opts.command}`,
          outDir,
          timeoutMs: Number(process.env.VFIOKIT_LAB_TIMEOUT_S || opts.defaultTimeoutS) * 1000,
        }),
      );
      const summary = `accel ${r.accel}, ready ${r.readySeconds}s, wall ${(r.wallMs / 1000).toFixed(1)}s; out dir ${outDir}`;
      return { ...r, outDir, read, summary };
    },
  };
}
