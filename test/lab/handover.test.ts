// Single-GPU handover in a real kernel (Debian's, under QEMU): the desktop topology's only GPU
// (bochs-drm at 01:00.0, fbcon drawing on its fb0; HDA function 01:00.1 in the same IOMMU group)
// is handed to vfio-pci and back; then handed over once per step boundary of its plan with a
// SIGTERM delivered right after that step (strace's fault injection, lab/guest/handover.sh); then
// killed outright after the console unbind and restored by `vfiokit restore`. The oracle is the
// kernel's own files, read by lab/guest/handover.sh after each phase: the driver links,
// driver_override, /sys/class/vtconsole/vtcon*/bind, /sys/class/graphics, and
// VFIO_GROUP_GET_STATUS / VFIO_GROUP_SET_CONTAINER (lab/guest/vfio_status.py).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { prepareGuestRun } from '../../lab/guest-run.js';
import { repoRoot } from '../../lab/paths.js';
import { desktop } from '../../lab/topologies/desktop.js';
import type { HandoverJson } from '../../src/schema/outputs/handover.js';
import { assertValidJsonText } from '../helpers/json-schema.js';

const GPU = '0000:01:00.0';
const AUDIO = '0000:01:00.1';

interface KernelState {
  driver: Record<string, string>;
  override: Record<string, string>;
  /** bind ("0"/"1") of each frame buffer console (fbcon) vtconsole. */
  fbcon: string[];
  /** Every vtconsole: "vtconN BIND NAME". */
  vtcons: string[];
  graphics: string[];
  vfio: { node?: boolean; viable?: boolean; setContainer?: string }[];
  journal: string;
  record: string;
}

function parseState(text: string): KernelState {
  const s: KernelState = {
    driver: {},
    override: {},
    fbcon: [],
    vtcons: [],
    graphics: [],
    vfio: [],
    journal: '',
    record: '',
  };
  let lines = 0;
  for (const l of text.split('\n')) {
    const [k, ...rest] = l.split(' ');
    if (!k) continue;
    lines++;
    if (k === 'driver') s.driver[rest[0]] = rest[1];
    else if (k === 'override') s.override[rest[0]] = rest.slice(1).join(' ');
    else if (k === 'vtcon') {
      s.vtcons.push(rest.join(' '));
      if (/frame buffer/i.test(rest.slice(2).join(' '))) s.fbcon.push(rest[1]);
    } else if (k === 'graphics') s.graphics = rest.filter(Boolean);
    else if (k === 'vfio') s.vfio = JSON.parse(rest.join(' '));
    else if (k === 'journal') s.journal = rest.join(' ');
    else if (k === 'record') s.record = rest.join(' ');
  }
  // Two devices (driver + override each), at least one vtconsole, graphics, vfio, journal, record.
  assert.ok(lines >= 9, `state file too short:\n${text}`);
  return s;
}

/** The host's display is back: the GPU and its audio on their own drivers, fbcon bound to fb0. */
function assertDisplayBack(s: KernelState, label: string): void {
  assert.equal(s.driver[GPU], 'bochs-drm', `${label}: GPU driver`);
  assert.equal(s.driver[AUDIO], 'snd_hda_intel', `${label}: audio driver`);
  assert.equal(s.override[GPU], '(null)', `${label}: GPU driver_override`);
  assert.equal(s.override[AUDIO], '(null)', `${label}: audio driver_override`);
  assert.deepEqual(s.fbcon, ['1'], `${label}: the frame buffer console is bound (${s.vtcons.join('; ')})`);
  assert.ok(s.graphics.includes('fb0'), `${label}: /sys/class/graphics/fb0 (${s.graphics.join(' ')})`);
  assert.doesNotMatch(s.journal, /"open"|"rollback-incomplete"/, `${label}: journal ${s.journal}`);
  assert.equal(s.record, 'none', `${label}: a handover record is left`);
}

test('lab desktop: handover takes the only GPU (fbcon on it) to vfio-pci; handback, a SIGTERM after every step and a kill + restore give the console back', async (t) => {
  const lab = prepareGuestRun('handover');
  const { outDir } = lab;
  const r = await lab.boot({
    topology: desktop,
    command: `sh ${join(repoRoot, 'lab/guest/handover.sh')} ${join(repoRoot, 'lab/guest/vfio_status.py')} ${process.execPath}`,
    // About 16 vfiokit runs, most under strace; each start takes 10 s or more under TCG.
    defaultTimeoutS: 900,
  });
  t.diagnostic(r.summary);
  const { read } = r;
  for (const f of ['strace.version', 'dry.txt', 'over.txt', 'back.txt', 'boundaries.txt', 'restore.json'])
    t.diagnostic(`--- ${f}\n${read(f)}`);
  assert.equal(
    r.exitCode,
    0,
    `guest exit ${r.exitCode}\n${read('strace.version')}\n${read('console.log').slice(-3000)}`,
  );

  const before = parseState(read('before.state'));
  assert.equal(before.driver[GPU], 'bochs-drm');
  assert.deepEqual(before.fbcon, ['1'], 'fbcon draws on the GPU before handover');
  t.diagnostic(`consoles before: ${before.vtcons.join('; ')}`);

  // 1. Dry run, then the real handover.
  assert.equal(read('dry.rc').trim(), '0', read('dry.txt'));
  assert.match(read('dry.txt'), /Dry run: nothing was changed\./);
  assert.equal(read('over.rc').trim(), '0', read('over.txt'));
  const over = parseState(read('over.state'));
  assert.equal(over.driver[GPU], 'vfio-pci', read('over.txt'));
  assert.equal(over.driver[AUDIO], 'vfio-pci');
  // The vtconsole is unbound by step 1; once bochs-drm lets go of fb0, the last framebuffer, the
  // kernel unregisters fbcon's console driver altogether (fbcon_fb_unregistered() in
  // drivers/video/fbdev/core/fbcon.c, 6.1), so no frame buffer vtcon is left at all: the dummy
  // console holds the VTs.
  assert.deepEqual(over.fbcon, [], `consoles after handover: ${over.vtcons.join('; ')}`);
  assert.ok(!over.graphics.includes('fb0'), `fb0 after handover (${over.graphics.join(' ')})`);
  assert.match(over.journal, /"closed"/);
  assert.equal(over.vfio.length, 1);
  assert.equal(over.vfio[0].viable, true, JSON.stringify(over.vfio));
  assert.equal(over.vfio[0].setContainer, 'ok', JSON.stringify(over.vfio));

  // 2. Handback.
  assert.equal(read('back.rc').trim(), '0', read('back.txt'));
  assertDisplayBack(parseState(read('back.state')), 'after handback');

  // The plan of every run below (vfio-pci stays loaded after the first handover, so it has no
  // modprobe step), run undisturbed once more with its renames traced, and handed back.
  const dry = assertValidJsonText(read('dry.json'), 'vfiokit.handover/1') as HandoverJson;
  const steps = dry.steps;
  assert.equal(read('over2.rc').trim(), '0', read('over2.txt'));
  const over2 = parseState(read('over2.state'));
  assert.equal(over2.driver[GPU], 'vfio-pci', read('over2.txt'));
  assert.equal(over2.driver[AUDIO], 'vfio-pci');
  assert.equal(read('back2.rc').trim(), '0', read('back2.txt'));
  assertDisplayBack(parseState(read('back2.state')), 'after the second handback');

  // 3. A SIGTERM right after each step but the last: one run per boundary. The renames of the
  // undisturbed run placed them: the journal is renamed once at the start, twice per step, once
  // at the end.
  const bounds = read('boundaries.txt').trim().split('\n');
  assert.equal(
    bounds[0].replace(/ renames \d+/, ''),
    `steps ${steps.length} journal ${2 * steps.length + 2}`,
    read('over2.strace'),
  );
  assert.equal(bounds.length - 1, steps.length - 1, 'one SIGTERM run per step boundary');
  // Where each must stop: right after step k, or at the end of the unit that step k is in (the
  // console unbind and the unbinds that take its framebuffer: docs/handover.md).
  const stopAfter = (k: number) => {
    const unit = steps[k - 1].unit;
    let end = k;
    while (unit !== undefined && end < steps.length && steps[end].unit === unit) end++;
    return end;
  };
  assert.ok(
    steps[0].unit !== undefined && steps[0].kind === 'attr' && steps[0].path.includes('vtconsole'),
    'the console unbind opens a unit',
  );
  let runs = 0;
  for (let k = 1; k < steps.length; k++) {
    const label = `SIGTERM after step ${k} (${dry.steps[k - 1].kind})`;
    const term = assertValidJsonText(read(`term-${k}.json`), 'vfiokit.handover/1') as HandoverJson;
    const res = term.result;
    assert.ok(res, `${label}: ${read(`term-${k}.json`)}${read(`term-${k}.err`)}`);
    assert.equal(res.signal, 'SIGTERM', `${label}: ${JSON.stringify(res)}`);
    assert.equal(res.ok, false);
    assert.notEqual(read(`term-${k}.rc`).trim(), '0');
    assert.equal(res.done.length, stopAfter(k), `${label}: ${JSON.stringify(res.done)}`);
    assert.deepEqual(res.undoFailed, [], `${label}: ${JSON.stringify(res)}`);
    const st = parseState(read(`term-${k}.state`));
    assert.match(st.journal, /"rolled-back"/, label);
    assertDisplayBack(st, label);
    runs++;
  }
  assert.equal(runs, steps.length - 1);

  // 4. Killed as it journals the step after the console unbind: nothing undone by the process,
  // the journal open, fbcon unbound with fb0 still there. `1` to fbcon's own bind does nothing on
  // this kernel (no console driver without CON_DRIVER_FLAG_MODULE is registered, vt_bind() in
  // drivers/tty/vt/vt.c); restore takes the plan's other route, `0` to the bind of the (M) dummy
  // console that took the VTs, which hands them back to fbcon (do_unbind_con_driver()).
  const killed = parseState(read('kill.state'));
  assert.match(killed.journal, /"open"/, read('kill.txt'));
  assert.deepEqual(killed.fbcon, ['0'], `consoles after the kill: ${killed.vtcons.join('; ')}`);
  assert.ok(killed.graphics.includes('fb0'));
  assert.equal(read('restore.rc').trim(), '0', read('restore.json') + read('restore.err'));
  const restored = assertValidJsonText(read('restore.json'), 'vfiokit.restore/1') as {
    result?: { undone: string[]; undoFailed: string[] };
  };
  const dummyBind = steps[0].kind === 'attr' ? steps[0].undoElse?.[0]?.path : undefined;
  assert.ok(dummyBind, `the console step has another route back: ${JSON.stringify(steps[0])}`);
  assert.deepEqual(restored.result?.undone, [
    `wrote 1 to ${steps[0].kind === 'attr' ? steps[0].path : ''}, then wrote 0 to ${dummyBind}`,
  ]);
  const rs = parseState(read('restore.state'));
  assert.match(rs.journal, /"rolled-back"/);
  assertDisplayBack(rs, 'after kill and restore');

  assert.equal(read('recover.log'), '(no recover.log)', 'no phase left the host to be put back');
  if (!process.env.VFIOKIT_LAB_KEEP) rmSync(outDir, { recursive: true, force: true });
});
