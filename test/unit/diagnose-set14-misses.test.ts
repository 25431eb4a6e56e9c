// Explanations mended after the fourteenth held-out set's first score (test/fixtures/diagnose/
// README.md): each case is a family the set showed missing, checked with a message built from the
// producing source's format, not with the set's own text (the set stays as it was scored).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onlyFinding } from '../helpers/diagnose-entry.js';

const said = (f: ReturnType<typeof onlyFinding>) =>
  `${f.explanation.title}\n${f.explanation.cause}\n${f.explanation.fix}`;

test('modprobe ENOSPC: a string parameter too long for its buffer; for vfio-pci the ids= list and its 1,024 bytes', () => {
  // kernel/params.c param_set_copystring(); drivers/vfio/pci/vfio_pci.c: ids[1024].
  const vfio = onlyFinding(
    "modprobe: ERROR: could not insert 'vfio_pci': No space left on device",
    'kmod.insert-failed',
  );
  assert.equal(vfio.facts.errno, 'ENOSPC');
  assert.match(vfio.explanation.cause, /ids= list/);
  assert.match(vfio.explanation.cause, /1023 chars/);
  assert.match(vfio.explanation.fix, /once/);
  const other = onlyFinding(
    "modprobe: ERROR: could not insert 'snd_hda_intel': No space left on device",
    'kmod.insert-failed',
  );
  assert.match(other.explanation.cause, /string parameter is longer than the buffer/);
  assert.doesNotMatch(other.explanation.cause, /ids=/);
});

test('KVM_SET_USER_MEMORY_REGION with EEXIST is an overlapping slot, a QEMU bug; EINVAL stays the address width', () => {
  // virt/kvm/kvm_main.c __kvm_set_memory_region(): an overlap with another memslot is -EEXIST.
  const overlap = onlyFinding(
    'qemu-system-x86_64: kvm_set_user_memory_region: KVM_SET_USER_MEMORY_REGION failed, slot=7, start=0xfd000000, size=0x2000: File exists',
    'qemu.kvm-memory-slot',
  );
  assert.match(overlap.explanation.cause, /overlaps/);
  assert.match(overlap.explanation.cause, /QEMU bug/);
  assert.match(overlap.explanation.fix, /info mtree/);
  const width = onlyFinding(
    'qemu-system-x86_64: kvm_set_user_memory_region: KVM_SET_USER_MEMORY_REGION failed, slot=9, start=0x8000000000, size=0x400000000: Invalid argument',
    'qemu.kvm-memory-slot',
  );
  assert.match(width.explanation.cause, /physical address width/);
});

test("Looking Glass's first clients: 'Invalid header magic' is the host application not running", () => {
  const f = onlyFinding(
    '[E]  main.c:795 | run | Invalid header magic, is the host running?',
    'lg.host-not-running',
  );
  assert.match(f.explanation.cause, /host application/);
  assert.match(f.explanation.cause, /shared memory/);
});

test('an NVIDIA BAR with no address names the prefetchable window it must fit', () => {
  const f = onlyFinding(
    'NVRM: This PCI I/O region assigned to your NVIDIA device is invalid:',
    'kernel.nvidia-bar-invalid',
  );
  assert.match(said(f), /prefetchable window/);
});

test('a busy VFIO group node: the holder may be a sandbox that opened it for a workload', () => {
  const f = onlyFinding(
    'TPU initialization failed: open(/dev/vfio/3): Device or resource busy',
    'generic.vfio-node-errno',
  );
  assert.match(f.explanation.cause, /sandbox or runtime proxy/);
  assert.match(f.explanation.fix, /fuser -v/);
});
