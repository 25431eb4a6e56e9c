// DirHostRoot.scanLines: a search of a large file piece by piece (256 KiB at a time), for
// /proc/kallsyms, which is megabytes (tens with many modules) and was read whole for one symbol.
// The oracle for the live file is grep over the same file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { DirHostRoot } from '../../src/host/root.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-scan-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const PIECE = 256 * 1024;

test('the live /proc/kallsyms: found and not found as grep finds them, past the first piece', () => {
  const live = new DirHostRoot('/');
  const text = fs.readFileSync('/proc/kallsyms', 'utf8');
  const lines = text.split('\n').filter(Boolean);
  assert.ok(text.length > PIECE, `/proc/kallsyms is ${text.length} bytes, more than one piece`);
  const last = lines.at(-1)?.split(/\s+/)[2];
  assert.ok(last, 'the last line names a symbol');
  for (const [sym, re] of [
    [last, new RegExp(`\\s${last.replace(/[.$]/g, '\\$&')}(\\s|$)`, 'm')],
    ['vfiokit_no_such_symbol', /\svfiokit_no_such_symbol\b/],
  ] as const) {
    const grep = spawnSync('grep', ['-qw', sym, '/proc/kallsyms']).status === 0;
    assert.equal(
      live.scanLines('/proc/kallsyms', (l) => re.test(l)),
      grep,
      sym,
    );
  }
});

test('a match across a piece boundary, a line longer than a piece, absence and the read cap', () => {
  const root = new DirHostRoot(dir);
  fs.mkdirSync(path.join(dir, 'proc'), { recursive: true });
  const file = path.join(dir, 'proc', 'big');
  // The needle's line starts 10 bytes before the end of the first piece.
  const filler = `${'x'.repeat(99)}\n`.repeat(Math.floor((PIECE - 10) / 100));
  const pad = 'y'.repeat(PIECE - 10 - filler.length - 1);
  fs.writeFileSync(file, `${filler}${pad}\nffff T pcie_acs_override_setup\ntail\n`);
  let calls = 0;
  assert.equal(
    root.scanLines('/proc/big', (l) => {
      calls++;
      return /\bpcie_acs_override/.test(l);
    }),
    true,
  );
  assert.equal(calls, 2, 'the boundary line is tested whole, in the second piece');
  assert.equal(
    root.scanLines('/proc/big', (l) => /nothing_here/.test(l)),
    false,
  );
  // One line longer than a piece: tested piece by piece, never held whole.
  fs.writeFileSync(file, `${'z'.repeat(PIECE * 3)}needle\n`);
  assert.equal(
    root.scanLines('/proc/big', (l) => l.includes('needle')),
    true,
  );
  assert.equal(
    root.scanLines('/proc/missing', () => true),
    undefined,
  );
  // Past the cap: not searched, and said so.
  fs.writeFileSync(file, `${'a'.repeat(PIECE * 2)}\nneedle\n`);
  assert.equal(
    root.scanLines('/proc/big', (l) => l.includes('needle'), PIECE),
    false,
  );
  assert.ok(root.notes.some((n) => n.includes('/proc/big') && n.includes('searched')));
});
