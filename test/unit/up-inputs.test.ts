// What `up` and `down` read that another program wrote: the run's record (/run/vfiokit/vm/NAME.json,
// which anyone with root can edit or damage) and QMP messages from a QEMU that may misbehave. The
// record is fuzzed by seeded mutation of a real one (written by writeState); the QMP client is
// run against a unix socket server that speaks a scripted, broken protocol (a mock of QEMU's
// monitor, because a real QEMU cannot be made to break its protocol).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { QmpClient, QmpError } from '../../src/actions/qmp.js';
import { readVmState, type UpPlan, vmPaths, writeState } from '../../src/actions/up.js';
import { VfiokitError } from '../../src/errors.js';
import { DirHostWriter } from '../../src/host/host-writer.js';
import { mutateText, seededRandom } from '../helpers/mutate-text.js';

function tree(): { dir: string; w: DirHostWriter } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-up-in-'));
  return { dir, w: new DirHostWriter(dir) };
}

test('the run record: a real one reads back; every mutation is read as a record or refused in one line', () => {
  const { dir, w } = tree();
  try {
    const plan = {
      name: 'nested',
      paths: vmPaths('nested'),
      binding: { devices: [{ address: '0000:02:00.0' }] },
    } as unknown as UpPlan;
    writeState(
      w,
      plan,
      { checks: [], stderrTail: [], qemuPid: 4242, started: '2026-12-02T01:50:29.704Z' },
      'running',
    );
    const real = fs.readFileSync(path.join(dir, 'run/vfiokit/vm/nested.json'), 'utf8');
    const s = readVmState(w, 'nested');
    assert.equal(s?.phase, 'running');
    assert.equal(s?.qemuPid, 4242);
    assert.equal(s?.pid, process.pid);
    const rnd = seededRandom(13);
    let refused = 0;
    let read = 0;
    const N = 500;
    for (let i = 0; i < N; i++) {
      fs.writeFileSync(
        path.join(dir, 'run/vfiokit/vm/nested.json'),
        mutateText(real, rnd, ['"ended"', '-1', 'null', '{', '"x"'], '{}[]":,0123456789abc\n'),
      );
      try {
        const v = readVmState(w, 'nested');
        assert.ok(v === undefined || v.phase === 'running' || v.phase === 'ended');
        read++;
      } catch (e) {
        assert.ok(e instanceof VfiokitError, String(e));
        assert.doesNotMatch(e.message, /\n/);
        assert.match(e.message, /is not a vfiokit VM record/);
        refused++;
      }
    }
    assert.equal(read + refused, N);
    assert.ok(refused > 0 && read > 0, `read ${read}, refused ${refused}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A monitor socket that sends `script` once a client connects, and answers nothing else. */
async function fakeMonitor(script: (sock: net.Socket) => void): Promise<{ path: string; close: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-qmp-'));
  const p = path.join(dir, 'qmp.sock');
  const server = net.createServer((s) => {
    // The client hangs up on a broken peer: that is the point, not an error here.
    s.on('error', () => undefined);
    script(s);
  });
  await new Promise<void>((r) => server.listen(p, r));
  return {
    path: p,
    close: () => {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const GREETING =
  '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}}, "capabilities": ["oob"]}}\n';

test('QMP client: errors as QmpError; silence, garbage, an endless line and a closed socket as one-line errors', async () => {
  const cases: [string, (s: net.Socket) => void, RegExp][] = [
    ['no greeting', () => undefined, /no greeting within 0\.3 s/],
    ['not JSON', (s) => s.write('hello\n'), /QMP: not JSON: hello/],
    ['endless line', (s) => s.write('x'.repeat(5 * 1024 * 1024)), /a message longer than/],
    ['closed', (s) => s.end(), /connection closed/],
    [
      'capabilities refused',
      (s) => {
        s.write(GREETING);
        s.on('data', () => s.write('{"error": {"class": "CommandNotFound", "desc": "nope"}}\n'));
      },
      /QMP qmp_capabilities: CommandNotFound: nope/,
    ],
  ];
  let n = 0;
  for (const [name, script, want] of cases) {
    const m = await fakeMonitor(script);
    try {
      await assert.rejects(QmpClient.connect(m.path, name === 'no greeting' ? 300 : 10_000), (e: unknown) => {
        assert.ok(e instanceof VfiokitError, `${name}: ${e}`);
        assert.match(e.message, want, name);
        assert.doesNotMatch(e.message.slice(0, 200), /\n/);
        return true;
      });
      n++;
    } finally {
      m.close();
    }
  }
  assert.equal(n, cases.length);

  // A working exchange with an event in between and a command error.
  const m = await fakeMonitor((s) => {
    s.write(GREETING);
    let buf = '';
    s.on('data', (d) => {
      buf += d;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const cmd = JSON.parse(buf.slice(0, i)).execute;
        buf = buf.slice(i + 1);
        if (cmd === 'qmp_capabilities') s.write('{"return": {}}\n');
        else if (cmd === 'query-status')
          s.write('{"event": "STOP", "data": {}}\n{"return": {"status": "running", "running": true}}\n');
        else s.write(`{"error": {"class": "GenericError", "desc": "no ${cmd}"}}\n`);
      }
    });
  });
  try {
    const c = await QmpClient.connect(m.path, 1000);
    assert.deepEqual(await c.execute('query-status'), { status: 'running', running: true });
    assert.deepEqual(
      c.events.map((e) => e.event),
      ['STOP'],
    );
    await assert.rejects(
      c.execute('bogus'),
      (e: unknown) => e instanceof QmpError && e.errorClass === 'GenericError',
    );
    c.close();
  } finally {
    m.close();
  }
});
