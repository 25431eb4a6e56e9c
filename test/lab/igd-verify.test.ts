// The IGD firmware ABI in a real guest: QEMU is started with the two fw_cfg files legacy IGD
// assignment uses (-fw_cfg name=etc/igd-opregion,file=… and name=etc/igd-bdsm-size,file=…) but
// no IGD, and `vfiokit igd verify` runs inside. It must read both files through the kernel's
// qemu_fw_cfg sysfs tree and say that no IGD consumed them. The oracles are the guest kernel
// (the fw_cfg size attribute and raw bytes, read by the shell) and pciutils (nothing at 00:02.0).
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../../lab/boot.js';
import { newOutDir, repoRoot } from '../../lab/paths.js';
import { inLabSlot } from '../../lab/pool.js';
import type { LabTopology } from '../../lab/topology.js';
import type { IgdVerifyJson } from '../../src/schema/outputs/igd-verify.js';
import { assertValidJsonText } from '../helpers/json-schema.js';
import { buildOpRegion } from '../helpers/opregion-image.js';

const bare: LabTopology = {
  name: 'igd-fwcfg',
  summary: 'no devices of its own; QEMU offers the IGD fw_cfg files',
  devices: [],
  scenarios: [],
};

test('lab igd-fwcfg: vfiokit igd verify reads both IGD fw_cfg files and reports that no IGD consumed them', async (t) => {
  const outDir = newOutDir(bare.name);
  const opregion = buildOpRegion({
    extended: true,
    vbt: { vbtSize: 0x11a5, signature: '$VBT COMETLAKE', bdbVersion: 228 },
  });
  writeFileSync(join(outDir, 'opregion.bin'), opregion);
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(64n * 1024n * 1024n);
  writeFileSync(join(outDir, 'bdsm-size.bin'), size);
  const wrapper = `printf '#!/bin/sh\\nexec ${process.execPath} ${join(repoRoot, 'bin/vfiokit')} "$@"\\n' > /usr/local/bin/vfiokit; chmod +x /usr/local/bin/vfiokit`;
  const fw = '/sys/firmware/qemu_fw_cfg/by_name/etc';
  const command = [
    wrapper,
    'modprobe qemu_fw_cfg',
    `cat ${fw}/igd-opregion/size > $LAB_OUT/k-opregion-size.txt`,
    `od -An -tx1 -v ${fw}/igd-bdsm-size/raw | tr -s ' \\n' ' ' > $LAB_OUT/k-bdsm-raw.txt`,
    'lspci -n -s 00:02.0 > $LAB_OUT/lspci-02.txt',
    'vfiokit --json igd verify > $LAB_OUT/verify.json; echo $? > $LAB_OUT/verify-exit.txt',
    'vfiokit igd verify > $LAB_OUT/verify.txt',
    'exit 0',
  ].join('; ');
  const r = await inLabSlot(() =>
    boot({
      topology: bare,
      command,
      outDir,
      timeoutMs: 240_000,
      qemuExtra: [
        '-fw_cfg',
        `name=etc/igd-opregion,file=${join(outDir, 'opregion.bin')}`,
        '-fw_cfg',
        `name=etc/igd-bdsm-size,file=${join(outDir, 'bdsm-size.bin')}`,
      ],
    }),
  );
  t.diagnostic(
    `accel ${r.accel}, ready ${r.readySeconds}s, wall ${(r.wallMs / 1000).toFixed(1)}s; out dir ${outDir}`,
  );
  const read = (f: string) => {
    try {
      return readFileSync(join(outDir, f), 'utf8');
    } catch {
      return `(no ${f})`;
    }
  };
  assert.equal(r.exitCode, 0, `guest exit ${r.exitCode}\n${read('console.log').slice(-3000)}`);
  // The kernel's view of the files.
  assert.equal(read('k-opregion-size.txt').trim(), String(opregion.length));
  assert.equal(read('k-bdsm-raw.txt').trim(), '00 00 00 04 00 00 00 00');
  assert.equal(read('lspci-02.txt'), '', 'pciutils finds nothing at 00:02.0');
  // vfiokit's.
  const doc = assertValidJsonText(read('verify.json'), 'vfiokit.igd.verify/1') as IgdVerifyJson;
  const opr = doc.files.opregion;
  assert.equal(doc.schema, 'vfiokit.igd.verify/1');
  assert.equal(doc.outcome, 'not-consumed', JSON.stringify(doc, null, 1));
  assert.equal(doc.files.opregion.state, 'read');
  assert.equal(doc.files.opregion.bytes, opregion.length);
  assert.equal(doc.files.opregion.version, '2.1.0');
  assert.match(opr.vbt ?? '', /^\$VBT COMETLAKE \(4517 bytes\)$/);
  assert.equal(doc.files.bdsmSize.value, '0x4000000');
  assert.equal(doc.items.find((i) => i.id === 'igd.device')?.verdict, 'fail');
  assert.equal(read('verify-exit.txt').trim(), '1');
  t.diagnostic(read('verify.txt'));
  if (!process.env.VFIOKIT_LAB_KEEP) rmSync(outDir, { recursive: true, force: true });
});
