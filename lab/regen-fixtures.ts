/**
 * Regenerates test/fixtures/lab-<topology>/ from real lab boots: `snapshot/` is `vfiokit snapshot`
 * taken inside the guest before any binding, `truth.json` is the kernel's own account (groups,
 * drivers, VFIO_GROUP_GET_STATUS per binding scenario, schema vfiokit.lab-truth/1). Fast unit tests
 * read both, so they run on real-kernel data without QEMU.
 *   npx tsx lab/regen-fixtures.ts [topology...]      (all topologies when none named)
 * Needs what the lab needs (qemu-system-x86, busybox-static, cpio, kmod, apt); run `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labCommandsFor } from './commands.js';
import { repoRoot } from './paths.js';
import { pooled } from './pool.js';
import { runSuite } from './suite.js';
import { topologies, topologyByName } from './topologies/index.js';
import { truthFrom } from './truth.js';

const names = process.argv.slice(2);
const chosen = names.length ? names.map(topologyByName) : topologies;
const t0 = performance.now();
let failed = 0;
await Promise.all(
  pooled(
    chosen.map((topo) => async () => {
      const run = await runSuite(topo, { commands: labCommandsFor(topo), timeoutMs: 300_000 });
      const snap = run.results?.baseline.find((c) => c.name === 'snapshot');
      const snapDir = join(run.outDir, 'snapshot');
      if (run.boot.exitCode !== 0 || !run.results || !snap || snap.status !== 0 || !existsSync(snapDir)) {
        failed++;
        console.error(`${topo.name}: FAILED (exit ${run.boot.exitCode}); see ${run.outDir}`);
        if (snap && snap.status !== 0) console.error(snap.stderr);
        return;
      }
      // The truth first: a group whose VFIO status could not be read fails the topology and
      // leaves its committed fixture as it was.
      let truth: ReturnType<typeof truthFrom>;
      try {
        truth = truthFrom(run.results);
      } catch (e) {
        failed++;
        console.error(`${topo.name}: FAILED: ${(e as Error).message}; see ${run.outDir}`);
        return;
      }
      const dir = join(repoRoot, 'test/fixtures', `lab-${topo.name}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      // verbatimSymlinks: the snapshot's relative links (bus/pci/devices, iommu_group, driver) must stay
      // relative, or they would point into the deleted output directory.
      cpSync(snapDir, join(dir, 'snapshot'), { recursive: true, verbatimSymlinks: true });
      const truthFile = join(dir, 'truth.json');
      writeFileSync(truthFile, `${JSON.stringify(truth, null, 2)}\n`);
      // In the repository's own JSON style, so `npm run lint` over test/ stays clean.
      spawnSync(join(repoRoot, 'node_modules/.bin/biome'), ['format', '--write', truthFile], {
        stdio: 'ignore',
      });
      rmSync(run.outDir, { recursive: true, force: true });
      console.log(
        `${topo.name}: wrote ${dir} (kernel ${run.results.kernel.release}, boot wall ${(run.boot.wallMs / 1000).toFixed(1)}s)`,
      );
    }),
  ),
);
console.log(
  `lab fixtures: ${chosen.length - failed}/${chosen.length} in ${((performance.now() - t0) / 1000).toFixed(1)}s`,
);
process.exit(failed ? 1 : 0);
