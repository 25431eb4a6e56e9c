// Guest side of test/lab/bind.test.ts: bind → the kernel says the group is viable (VFIO ioctls,
// lab/guest/vfio_status.py) → release → every device back on the driver it had, N cycles per set,
// with vfiokit's own bundle loaded once (a node start costs seconds under TCG; the commands run
// through the same main() as the CLI). Then, with the real CLI: the output of one bind and one
// release (for the README), a release refused while a process holds /dev/vfio/N, and a second
// vfiokit refused while a first one (stopped with SIGSTOP inside its run) holds the lock.
// Writes $LAB_OUT/bind-results.json. Argument: the spec file (JSON) the test wrote.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = process.env.LAB_OUT;
// The bundle is one wrapped function that bin/bundle-loader.cjs compiles (scripts/build.mjs).
const { loadBundle } = require(path.join(path.dirname(spec.bundle), '..', 'bin', 'bundle-loader.cjs'));
const { main } = loadBundle(spec.bundle).exports;

const DEV = '/sys/bus/pci/devices';
const driverOf = (a) => {
  try {
    return path.basename(fs.readlinkSync(`${DEV}/${a}/driver`));
  } catch {
    return null;
  }
};
const overrideOf = (a) => fs.readFileSync(`${DEV}/${a}/driver_override`, 'utf8').trim();
const groupOf = (a) => path.basename(fs.readlinkSync(`${DEV}/${a}/iommu_group`));
const idOf = (a) =>
  `${fs.readFileSync(`${DEV}/${a}/vendor`, 'utf8').trim().slice(2)}:${fs.readFileSync(`${DEV}/${a}/device`, 'utf8').trim().slice(2)}`;
const byId = (id) => fs.readdirSync(DEV).filter((a) => idOf(a) === id);

/** main() in this process, what it printed kept (main's second argument: src/cli/main.ts). */
async function vfiokit(args) {
  let text = '';
  const out = {
    write: (c) => {
      text += typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
      return true;
    },
  };
  const saved = process.exitCode;
  let code;
  try {
    code = await main(['node', 'vfiokit', ...args], out);
  } finally {
    process.exitCode = saved;
  }
  return { code, text };
}

/** One python3 answering VFIO status queries, one line per group. */
function vfioServer() {
  const child = spawn('python3', [spec.vfioStatus, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buf = '';
  const waiting = [];
  child.stdout.on('data', (c) => {
    buf += c;
    let i = buf.indexOf('\n');
    while (i >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      waiting.shift()?.(JSON.parse(line));
      i = buf.indexOf('\n');
    }
  });
  return {
    status: (g) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${g}\n`);
      }),
    close: () => child.stdin.end(),
  };
}

const progress = (s) => process.stderr.write(`bind-cycles: ${s}\n`);

async function cycles(set, vfio) {
  const devices = set.devices;
  const start = devices.map((a) => [a, driverOf(a), overrideOf(a)]);
  const group = groupOf(devices[0]);
  const r = {
    name: set.name,
    group,
    devices: start,
    cycles: 0,
    viable: 0,
    restored: 0,
    failures: [],
    ms: { bind: 0, release: 0 },
  };
  for (let i = 0; i < spec.cycles; i++) {
    const t0 = Date.now();
    const b = await vfiokit(['--json', 'bind', ...set.args]);
    const t1 = Date.now();
    // The first cycle's documents, as printed and written, for the host to check against the schemas.
    if (i === 0) {
      let bound = null;
      try {
        bound = fs.readFileSync('/run/vfiokit/bound.json', 'utf8');
      } catch (e) {
        bound = `unreadable: ${e.code ?? e}`;
      }
      r.documents = { bind: b.text, bound };
    }
    r.ms.bind += t1 - t0;
    const onVfio = devices.every((a) => driverOf(a) === 'vfio-pci');
    const st = await vfio.status(group);
    if (st.viable === true && st.setContainer === 'ok') r.viable++;
    const t2 = Date.now();
    const rel = await vfiokit(['--json', 'release', devices[0]]);
    r.ms.release += Date.now() - t2;
    if (i === 0) r.documents.release = rel.text;
    const now = devices.map((a) => [a, driverOf(a), overrideOf(a)]);
    const back = JSON.stringify(now) === JSON.stringify(start);
    if (back) r.restored++;
    r.cycles++;
    if (r.cycles % 10 === 0)
      progress(`${set.name}: ${r.cycles} cycles, ${r.viable} viable, ${r.restored} restored`);
    if ((b.code !== 0 || !onVfio || st.viable !== true || rel.code !== 0 || !back) && r.failures.length < 5)
      r.failures.push({
        cycle: i,
        bind: b.code,
        onVfio,
        status: st,
        release: rel.code,
        now,
        bindOut: b.text.slice(-1500),
        releaseOut: rel.text.slice(-1500),
      });
  }
  return r;
}

const cli = (args, opts = {}) =>
  spawnSync(process.execPath, [spec.bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...opts,
  });

async function extras(gpu, nic) {
  const x = {};
  progress('extras: bind, a held release, release, two at once');
  // Real output, as a user sees it.
  const b = cli(['bind', gpu, '--force']);
  x.bind = { status: b.status, stdout: b.stdout, stderr: b.stderr };
  // A process holding the group's /dev/vfio/N (as QEMU does): release refuses and names it.
  const g = groupOf(gpu);
  const holder = spawn(
    'python3',
    [
      '-c',
      `import os,sys,time\nf=os.open("/dev/vfio/${g}",os.O_RDWR)\nprint("held",flush=True)\ntime.sleep(600)`,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise((res) => holder.stdout.once('data', res));
  const held = cli(['release', gpu]);
  x.held = {
    status: held.status,
    stdout: held.stdout,
    stderr: held.stderr,
    holderPid: holder.pid,
    drivers: [driverOf(gpu)],
  };
  holder.kill('SIGKILL');
  await new Promise((res) => holder.once('exit', res));
  const rel = cli(['release', gpu]);
  x.release = { status: rel.status, stdout: rel.stdout, stderr: rel.stderr };
  // Two at once: the first stopped (SIGSTOP) while it holds the lock, the second waits 1 s and
  // is refused, naming the first; the first then goes on and finishes.
  const sh = `${process.execPath} ${spec.bin} bind ${nic} --force > /tmp/first.out 2>&1 & p=$!
while [ ! -e /run/vfiokit/lock ] && kill -0 $p 2>/dev/null; do sleep 0.02; done
kill -STOP $p 2>/dev/null && stopped=1 || stopped=0
${process.execPath} ${spec.bin} bind ${gpu} --force --lock-wait 1 > /tmp/second.out 2>&1; echo "second=$? stopped=$stopped pid=$p"
kill -CONT $p 2>/dev/null; wait $p; echo "first=$?"`;
  const two = spawnSync('/bin/sh', ['-c', sh], { encoding: 'utf8' });
  x.concurrent = {
    summary: two.stdout.trim(),
    first: fs.readFileSync('/tmp/first.out', 'utf8'),
    second: fs.readFileSync('/tmp/second.out', 'utf8'),
    nicAfterFirst: driverOf(nic),
    gpuAfterSecond: driverOf(gpu),
  };
  const back = cli(['release', nic]);
  x.concurrent.releaseNic = back.status;
  x.finalDrivers = { [gpu]: driverOf(gpu), [nic]: driverOf(nic) };
  return x;
}

(async () => {
  const res = { schema: 'vfiokit.lab-bind/1', sets: [], errors: [] };
  const vfio = vfioServer();
  try {
    for (const s of spec.sets) {
      const devices = s.ids.flatMap(byId).sort();
      const args = s.group ? ['--group', groupOf(devices[0]), '--force'] : [devices[0], '--force'];
      res.sets.push(await cycles({ name: s.name, devices, args }, vfio));
    }
    if (spec.extras) {
      const [gpu] = byId(spec.extras.gpu);
      const [nic] = byId(spec.extras.nic);
      res.extras = await extras(gpu, nic);
    }
  } catch (e) {
    res.errors.push(String(e?.stack ?? e));
  } finally {
    vfio.close();
  }
  fs.writeFileSync(path.join(out, 'bind-results.json'), `${JSON.stringify(res, null, 1)}\n`);
  process.exit(res.errors.length ? 1 : 0);
})();
