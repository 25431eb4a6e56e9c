// Single-GPU handover in a real kernel (Debian's, under QEMU): the desktop topology's only GPU
// (bochs-drm at 01:00.0, fbcon drawing on its fb0; HDA function 01:00.1 in the same IOMMU group)
// is handed to vfio-pci and back, then handed over again and interrupted by SIGTERM after its first
// step. The oracle is the kernel's own files, read by lab/guest/handover.sh after each phase: the
// driver links, driver_override, /sys/class/vtconsole/vtcon*/bind, /sys/class/graphics, and
// VFIO_GROUP_GET_STATUS / VFIO_GROUP_SET_CONTAINER (lab/guest/vfio_status.py).
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../../lab/boot.js';
import { newOutDir, repoRoot } from '../../lab/paths.js';
import { inLabSlot } from '../../lab/pool.js';
import { desktop } from '../../lab/topologies/desktop.js';
import type { HandoverJson } from '../../src/schema/outputs/handover.js';
import { assertValidJsonText } from '../helpers/json-schema.js';

const GPU = '0000:01:00.0';
const AUDIO = '0000:01:00.1';

interface KernelState {
  driver: Record<string, string>;
  override: Record<string, string>;
  /** vtcon name -> bind ("0"/"1") for the frame buffer console. */
  fbcon: string[];
  graphics: string[];
  vfio: { node?: boolean; viable?: boolean; setContainer?: string }[];
  journal: string;
}

function parseState(text: string): KernelState {
  const s: KernelState = { driver: {}, override: {}, fbcon: [], graphics: [], vfio: [], journal: '' };
  let lines = 0;
  for (const l of text.split('\n')) {
    const [k, ...rest] = l.split(' ');
    if (!k) continue;
    lines++;
    if (k === 'driver') s.driver[rest[0]] = rest[1];
    else if (k === 'override') s.override[rest[0]] = rest.slice(1).join(' ');
    else if (k === 'vtcon' && /frame buffer/i.test(rest.slice(2).join(' '))) s.fbcon.push(rest[1]);
    else if (k === 'graphics') s.graphics = rest.filter(Boolean);
    else if (k === 'vfio') s.vfio = JSON.parse(rest.join(' '));
    else if (k === 'journal') s.journal = rest.join(' ');
  }
  // Two devices (driver + override each), at least one vtconsole, graphics, vfio, journal.
  assert.ok(lines >= 8, `state file too short:\n${text}`);
  return s;
}

/** The host's display is back: the GPU and its audio on their own drivers, fbcon bound to fb0. */
function assertDisplayBack(s: KernelState, label: string): void {
  assert.equal(s.driver[GPU], 'bochs-drm', `${label}: GPU driver`);
  assert.equal(s.driver[AUDIO], 'snd_hda_intel', `${label}: audio driver`);
  assert.equal(s.override[GPU], '(null)', `${label}: GPU driver_override`);
  assert.equal(s.override[AUDIO], '(null)', `${label}: audio driver_override`);
  assert.deepEqual(s.fbcon, ['1'], `${label}: the frame buffer console is bound`);
  assert.ok(s.graphics.includes('fb0'), `${label}: /sys/class/graphics/fb0 (${s.graphics.join(' ')})`);
  assert.doesNotMatch(s.journal, /"open"/, `${label}: an open journal`);
}

test('lab desktop: handover takes the only GPU (fbcon on it) to vfio-pci, handback and SIGTERM give the console back', async (t) => {
  const outDir = newOutDir('handover');
  // The build copied into the output directory, so a rebuild meanwhile cannot change it under the guest.
  const build = join(outDir, 'build');
  cpSync(join(repoRoot, 'bin'), join(build, 'bin'), { recursive: true });
  cpSync(join(repoRoot, 'dist'), join(build, 'dist'), { recursive: true });
  const wrapper = `printf '#!/bin/sh\\nexec ${process.execPath} ${join(build, 'bin/vfiokit')} "$@"\\n' > /usr/local/bin/vfiokit; chmod +x /usr/local/bin/vfiokit`;
  const r = await inLabSlot(() =>
    boot({
      topology: desktop,
      command: `${wrapper}; sh ${join(repoRoot, 'lab/guest/handover.sh')} ${join(repoRoot, 'lab/guest/vfio_status.py')} ${process.execPath}`,
      outDir,
      // Six vfiokit runs; each start takes about 10 s under TCG on a busy machine.
      timeoutMs: Number(process.env.VFIOKIT_LAB_TIMEOUT_S || 600) * 1000,
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
  for (const f of [
    'dry.txt',
    'over.txt',
    'over-force.txt',
    'back.txt',
    'term.json',
    'term.err',
    'term-kill.txt',
  ])
    t.diagnostic(`--- ${f}\n${read(f)}`);
  assert.equal(r.exitCode, 0, `guest exit ${r.exitCode}\n${read('console.log').slice(-3000)}`);

  const before = parseState(read('before.state'));
  assert.equal(before.driver[GPU], 'bochs-drm');
  assert.deepEqual(before.fbcon, ['1'], 'fbcon draws on the GPU before handover');

  // 1. Dry run, then the real handover.
  assert.equal(read('dry.rc').trim(), '0', read('dry.txt'));
  assert.match(read('dry.txt'), /Dry run: nothing was changed\./);
  const forced = read('over.rc').trim() !== '0';
  if (forced) assert.equal(read('over-force.rc').trim(), '0', read('over-force.txt'));
  const over = parseState(read('over.state'));
  assert.equal(over.driver[GPU], 'vfio-pci', read(forced ? 'over-force.txt' : 'over.txt'));
  assert.equal(over.driver[AUDIO], 'vfio-pci');
  // The vtconsole is unbound by step 1; once bochs-drm lets go of fb0, the last framebuffer, the
  // kernel unregisters fbcon's console driver altogether (fbcon_fb_unregistered() in
  // drivers/video/fbdev/core/fbcon.c, 6.1), so no frame buffer vtcon is left at all: the dummy
  // console holds the VTs. Either way none is bound.
  assert.ok(!over.fbcon.includes('1'), `a frame buffer console is bound: ${over.fbcon}`);
  assert.ok(!over.graphics.includes('fb0'), `fb0 after handover (${over.graphics.join(' ')})`);
  assert.match(over.journal, /"closed"/);
  assert.equal(over.vfio.length, 1);
  assert.equal(over.vfio[0].viable, true, JSON.stringify(over.vfio));
  assert.equal(over.vfio[0].setContainer, 'ok', JSON.stringify(over.vfio));

  // 2. Handback.
  assert.equal(read('back.rc').trim(), '0', read('back.txt'));
  assertDisplayBack(parseState(read('back.state')), 'after handback');

  // 3. SIGTERM once the journal shows a step done. Where it lands decides what the kernel allows:
  assert.match(read('term-kill.txt'), /^killed after \d+ done of \d+ journaled/, read('term.err'));
  const term = assertValidJsonText(read('term.json'), 'vfiokit.handover/1') as HandoverJson;
  const res = term.result;
  assert.ok(res, read('term.json'));
  assert.equal(res.signal, 'SIGTERM', read('term.json'));
  assert.equal(res.ok, false);
  assert.notEqual(read('term.rc').trim(), '0');
  assert.equal(res.done[0], 'write 0 to /sys/class/vtconsole/vtcon0/bind', JSON.stringify(res));
  const termState = parseState(read('term.state'));
  if (res.done.includes(`write ${GPU} to /sys/bus/pci/drivers/bochs-drm/unbind`)) {
    t.diagnostic('SIGTERM landed after the GPU left bochs-drm');
    // The GPU's own undo brings fbcon back by itself: bochs-drm registers fb0 and fbcon takes the
    // consoles over, so the vtcon undo finds bind=1 and has nothing left to write.
    assert.ok(res.undone.includes(`bound ${GPU} to bochs-drm`), JSON.stringify(res));
    assert.deepEqual(res.undoFailed, []);
    assert.match(read('term.state'), /journal +"state": "rolled-back"/);
    assertDisplayBack(termState, 'after SIGTERM');
  } else {
    t.diagnostic('SIGTERM landed after the vtconsole unbind only');
    // Only the vtconsole was unbound, and this kernel does not rebind it: `1` to vtcon0/bind goes
    // through vt_bind() (drivers/tty/vt/vt.c), which returns 0 without binding when no console
    // driver registered without CON_DRIVER_FLAG_MODULE holds the VTs in fbcon's range (which of
    // its conditions holds here the lab does not establish; the dummy console holds the VTs).
    // The run must say so rather than claim the display is back: the undo is reported failed
    // with the kernel's reading, the journal is rollback-incomplete, nothing else was touched.
    assert.deepEqual(res.undone, [], JSON.stringify(res));
    assert.deepEqual(res.undoFailed, [
      '/sys/class/vtconsole/vtcon0/bind: /sys/class/vtconsole/vtcon0/bind is "0" after the undo, not "1"',
    ]);
    assert.match(read('term.state'), /journal +"state": "rollback-incomplete"/);
    assert.equal(termState.driver[GPU], 'bochs-drm');
    assert.equal(termState.driver[AUDIO], 'snd_hda_intel');
    assert.ok(termState.graphics.includes('fb0'));
    assert.deepEqual(termState.fbcon, ['0'], 'the kernel kept fbcon unbound');
  }

  if (!process.env.VFIOKIT_LAB_KEEP) rmSync(outDir, { recursive: true, force: true });
});
