// QEMU's vfio-user client (catalogue/vfio-user-sweep.ts): connecting to the server's socket, the
// version handshake, replies that never come, a stream QEMU stops trusting, and errors the server
// returns for requests QEMU did not wait on. Every example is built from QEMU's format strings
// (hw/vfio-user/, util/qemu-sockets.c) and marked so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { VFIO_USER_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/vfio-user-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const DEV = 'qemu-system-x86_64: -device vfio-user-pci,socket=/tmp/vfu.sock: ';
const PREFIX = `${DEV}vfio vfio-user:/tmp/vfu.sock: `;

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(VFIO_USER_SWEEP_ENTRIES, ['qemu.vfio-user-'], (e, x, f) => {
    for (const [k, v] of Object.entries(x.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
  });
  assert.equal(n, VFIO_USER_SWEEP_ENTRIES.length);
  assert.equal(n, 5);
});

test('every example is marked as built from the format string (no public report quoted yet)', () => {
  let built = 0;
  for (const e of VFIO_USER_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      assert.equal(x.origin, BUILT, e.id);
      built++;
    }
  assert.equal(built, 15);
});

test('connect: the errno decides — no socket, a stale socket, no permission, a path too long', () => {
  const id = 'qemu.vfio-user-connect-failed';
  const none = onlyFinding(`${DEV}Failed to connect to '/tmp/vfu.sock': No such file or directory`, id);
  assert.equal(none.explanation.severity, 'error');
  assert.match(none.explanation.cause, /server is not running/);
  assert.match(none.explanation.fix, /start the server/);
  const stale = onlyFinding(`${DEV}Failed to connect to '/tmp/vfu.sock': Connection refused`, id);
  assert.match(stale.explanation.cause, /no process listens/);
  assert.match(stale.explanation.fix, /stale socket/);
  const perm = onlyFinding(`${DEV}Failed to connect to '/tmp/vfu.sock': Permission denied`, id);
  assert.match(perm.explanation.cause, /SELinux\/AppArmor/);
  const long = `/run/${'d'.repeat(110)}/cntrl`;
  const tooLong = onlyFinding(
    `${DEV.replace('/tmp/vfu.sock', long)}UNIX socket path '${long}' is too long`,
    id,
  );
  assert.match(tooLong.explanation.cause, /108 bytes/);
});

test('the version handshake: an error reply, a newer server, a capability QEMU refuses', () => {
  const id = 'qemu.vfio-user-version-rejected';
  const reply = onlyFinding(`${PREFIX}version reply: Operation not permitted`, id);
  assert.match(reply.explanation.cause, /with an error \(EPERM\)/);
  assert.match(reply.explanation.cause, /different revisions of the vfio-user protocol/);
  assert.match(reply.explanation.fix, /QEMU 10\.1 or later/);
  const newer = onlyFinding(`${PREFIX}incompatible server version`, id);
  assert.match(newer.explanation.cause, /minor version newer than the client/);
  const cap = onlyFinding(`${PREFIX}max_dma_maps too large`, id);
  assert.match(cap.explanation.cause, /DMA map limit/);
  // The pre-merge branches' prefix is read too.
  onlyFinding(
    'qemu-system-x86_64: -device vfio-user-pci,socket=/tmp/v.sock: vfio VFIO user </tmp/v.sock>: version reply: Invalid argument',
    id,
  );
});

test('a reply that never comes names x-msg-timeout', () => {
  const f = onlyFinding(
    `${PREFIX}timed out waiting for reply: Connection timed out`,
    'qemu.vfio-user-reply-timeout',
  );
  assert.match(f.explanation.cause, /5,000 by default/);
  assert.match(f.explanation.fix, /x-msg-timeout=/);
  // A program other than the vfio-user client saying the same words is not claimed.
  const other = diagnoseText('dbus-daemon[812]: timed out waiting for reply').findings.map((x) => x.entry.id);
  assert.ok(!other.includes('qemu.vfio-user-reply-timeout'), other.join());
});

test('a broken stream: the server went away, or speaks another revision', () => {
  const id = 'qemu.vfio-user-stream-closed';
  const closed = onlyFinding('qemu-system-x86_64: server closed socket', id);
  assert.match(closed.explanation.cause, /exited, crashed/);
  const garbled = onlyFinding('qemu-system-x86_64: unexpected reply', id);
  assert.match(garbled.explanation.cause, /"unexpected reply"/);
  assert.match(garbled.explanation.cause, /different revisions/);
});

test('an async error: the command number says which request — DMA map, unmap, a posted write', () => {
  const id = 'qemu.vfio-user-async-error';
  const map = onlyFinding('vfio_user_process: error reply on async request command 2 error Bad address', id);
  assert.match(map.explanation.cause, /VFIO_USER_DMA_MAP\) with EFAULT/);
  assert.match(map.explanation.fix, /share=on/);
  const unmap = onlyFinding(
    'vfio_user_wait_reqs - error reply on async request: command 3 error Invalid argument',
    id,
  );
  assert.match(unmap.explanation.cause, /VFIO_USER_DMA_UNMAP/);
  const write = onlyFinding(
    'vfio_user_process: error reply on async request command a error Invalid argument',
    id,
  );
  assert.match(write.explanation.cause, /VFIO_USER_REGION_WRITE\b/);
  assert.match(write.explanation.fix, /x-no-posted-writes=on/);
});
