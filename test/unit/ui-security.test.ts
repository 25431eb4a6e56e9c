/**
 * The dashboard's HTTP guards, checked with raw requests (headers a browser would never let a page
 * set are set here on purpose): no token → 401, a wrong Origin → 403, a DNS-rebinding Host → 421,
 * no CORS, writes refused when read-only, bounded bodies, and no listening beyond loopback
 * without --listen.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import { after, before, test } from 'node:test';
import { startUiServer, type UiServer } from '../../src/ui/server.js';
import { needAssets, UI_ASSETS } from '../helpers/browser.js';
import { binPath, repoRoot, runCli } from '../helpers/cli.js';
import { labSnapshot } from '../helpers/fake-sysfs.js';
import { assertValidJson } from '../helpers/json-schema.js';

let s: UiServer;
let cookie: string;

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function req(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
  port = s.port,
  host = '127.0.0.1',
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host, port, method, path, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

const origin = () => `http://127.0.0.1:${s.port}`;
const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
  req(
    'POST',
    path,
    { Cookie: cookie, Origin: origin(), 'Content-Type': 'application/json', ...extra },
    JSON.stringify(body),
  );

before(async () => {
  needAssets();
  s = await startUiServer({
    state: {
      roots: [{ id: 'desktop', label: 'lab-desktop', source: { root: labSnapshot('desktop') }, live: false }],
      readOnly: 'serving a snapshot: binding needs the live host',
      version: 'test',
    },
    port: 0,
    assets: UI_ASSETS,
  });
  const r = await req('GET', `/?token=${s.token}`);
  assert.equal(r.status, 302);
  cookie = String(r.headers['set-cookie']?.[0]).split(';')[0];
});

after(() => s.close());

test('the token becomes an HttpOnly SameSite=Strict cookie and leaves the address bar', async () => {
  const r = await req('GET', `/?token=${s.token}`);
  assert.equal(r.headers.location, '/');
  const set = String(r.headers['set-cookie']?.[0]);
  assert.match(set, /; HttpOnly/);
  assert.match(set, /; SameSite=Strict/);
  assert.equal(s.token.length >= 40, true, 'at least 32 random bytes');
  assert.equal(s.host, '127.0.0.1');
});

test('no token → 401 (API and page); a wrong token → 401', async () => {
  assert.equal((await req('GET', '/api/info')).status, 401);
  assert.equal((await req('GET', '/api/doctor')).status, 401);
  assert.equal((await req('GET', '/')).status, 401);
  assert.equal((await req('GET', `/?token=${s.token.slice(0, -1)}x`)).status, 401);
  assert.equal((await req('GET', '/api/info', { Cookie: `${cookie.split('=')[0]}=nope` })).status, 401);
  const ok = await req('GET', '/api/info', { Cookie: cookie });
  assert.equal(ok.status, 200);
  assert.equal(JSON.parse(ok.body).schema, 'vfiokit.ui-info/1');
});

test('no CORS headers; a CSP without inline script; the page loads only its own files', async () => {
  for (const path of ['/api/info', '/']) {
    const r = await req('GET', path, { Cookie: cookie, Origin: 'http://evil.example' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['access-control-allow-origin'], undefined);
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  }
  const html = (await req('GET', '/', { Cookie: cookie })).body;
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in index.html');
  assert.equal((await req('OPTIONS', '/api/info', { Cookie: cookie })).status, 405);
  for (const p of ['/assets/../../package.json', '/%2e%2e/package.json', '/etc/passwd'])
    assert.equal((await req('GET', p, { Cookie: cookie })).status, 404, p);
});

test('a POST with a wrong or missing Origin, or from another site → 403', async () => {
  const body = JSON.stringify({
    text: "vfio-pci 0000:01:00.0: BAR 3: can't reserve [mem 0xc0000000-0xc1ffffff 64bit pref]",
  });
  const h = { Cookie: cookie, 'Content-Type': 'application/json' };
  assert.equal(
    (await req('POST', '/api/diagnose', { ...h, Origin: 'http://evil.example' }, body)).status,
    403,
  );
  assert.equal(
    (await req('POST', '/api/diagnose', { ...h, Origin: `http://localhost:${s.port + 1}` }, body)).status,
    403,
  );
  assert.equal((await req('POST', '/api/diagnose', h, body)).status, 403);
  assert.equal(
    (await req('POST', '/api/diagnose', { ...h, Origin: origin(), 'Sec-Fetch-Site': 'cross-site' }, body))
      .status,
    403,
  );
  // Without the cookie the right Origin does not help.
  assert.equal(
    (await req('POST', '/api/diagnose', { 'Content-Type': 'application/json', Origin: origin() }, body))
      .status,
    401,
  );
  // A form post (text/plain) cannot carry the request.
  assert.equal(
    (await req('POST', '/api/diagnose', { ...h, Origin: origin(), 'Content-Type': 'text/plain' }, body))
      .status,
    415,
  );
  const ok = await post('/api/diagnose', JSON.parse(body));
  assert.equal(ok.status, 200, ok.body);
  assert.equal(JSON.parse(ok.body).schema, 'vfiokit.diagnose/2');
});

test('a DNS-rebinding Host header is refused (421), with or without the cookie', async () => {
  for (const host of [`evil.example:${s.port}`, `127.0.0.1.nip.io:${s.port}`, `127.0.0.1:${s.port + 1}`]) {
    const r = await req('GET', '/api/info', { Cookie: cookie, Host: host });
    assert.equal(r.status, 421, host);
  }
  assert.equal((await req('GET', '/api/info', { Cookie: cookie, Host: `localhost:${s.port}` })).status, 200);
  // No Host header at all (HTTP/1.0, written by hand: node's client always adds one).
  const raw = await new Promise<string>((resolve, reject) => {
    const c = net.connect({ host: '127.0.0.1', port: s.port }, () =>
      c.write(`GET /api/info HTTP/1.0\r\nCookie: ${cookie}\r\n\r\n`),
    );
    let got = '';
    c.on('data', (d: Buffer) => {
      got += d;
    });
    c.on('end', () => resolve(got));
    c.on('error', reject);
  });
  assert.match(raw, /^HTTP\/1\.[01] 421 /);
});

test('read-only: bind and restore are refused with the reason; a dry-run plan is not a write', async () => {
  const apply = await post('/api/bind/apply', { targets: ['0000:01:00.0'], force: true });
  assert.equal(apply.status, 403);
  assert.match(JSON.parse(apply.body).error.message, /serving a snapshot/);
  assert.equal((await post('/api/restore', {})).status, 403);
  const plan = await post('/api/bind/plan', { targets: ['0000:01:00.0'], force: true });
  assert.equal(plan.status, 200, plan.body);
  assert.equal(JSON.parse(plan.body).dryRun, true);
  assert.equal((await req('GET', '/api/bind/apply', { Cookie: cookie })).status, 404, 'no write through GET');
});

test('bad input is one line of error, never a stack trace; bodies are bounded', async () => {
  const bad = await req('GET', '/api/device/not-an-address', { Cookie: cookie });
  assert.equal(bad.status, 400);
  const e = JSON.parse(bad.body).error;
  assert.ok(!e.message.includes('\n') && !/\.ts:\d+/.test(bad.body), bad.body);
  const notJson = await req(
    'POST',
    '/api/diagnose',
    { Cookie: cookie, Origin: origin(), 'Content-Type': 'application/json' },
    '{',
  );
  assert.equal(notJson.status, 400);
  const types = await post('/api/bind/plan', { targets: 'x'.repeat(10) });
  assert.equal(types.status, 400);
  const big = await post('/api/diagnose', { text: 'x'.repeat(5 * 1024 * 1024) }).catch((err: Error) => ({
    status: -1,
    body: err.message,
    headers: {},
  }));
  // Refused at 4 MiB: the 400 answer, or the connection cut while the rest was still being sent.
  assert.ok(big.status === 400 || big.status === -1, `${big.status} ${big.body.slice(0, 200)}`);
  const spec = await post('/api/vm/render', { spec: 'name: [' });
  assert.equal(spec.status, 400);
  assert.doesNotMatch(spec.body, /vfiokit-ui-/, 'the temporary file is not named');
});

test('without --listen only loopback is served: another address of this machine is refused', async () => {
  const others = Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  for (const a of others) {
    const err = await new Promise<string>((resolve) => {
      const c = net.connect({ host: a, port: s.port }, () => {
        c.destroy();
        resolve('connected');
      });
      c.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    assert.equal(err, 'ECONNREFUSED', a);
  }
  console.error(`ui-security: ${others.length} non-loopback address(es) tried`);
  const addr = s.server.address() as net.AddressInfo;
  assert.equal(addr.address, '127.0.0.1');
});

function startCli(args: string[]): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [binPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    let stopped = false;
    const done = () => resolve({ out, err, code: p.exitCode });
    p.stdout.on('data', (c: Buffer) => {
      out += c;
      // One Ctrl-C: a second one after the server has begun to stop (its handler gone) would end
      // the process by the signal, as it would for a user who pressed it twice.
      if (!stopped && /Stop with Ctrl-C/.test(out)) {
        stopped = true;
        p.kill('SIGINT');
      }
    });
    p.stderr.on('data', (c: Buffer) => {
      err += c;
    });
    p.on('close', done);
    setTimeout(() => p.kill('SIGKILL'), 60_000).unref();
  });
}

test('vfiokit ui prints the URL; --listen beyond loopback is warned about; a bad --port is a usage error', async () => {
  const root = labSnapshot('desktop');
  const local = await startCli(['ui', '--root', root, '--port', '0']);
  assert.match(local.out, /^vfiokit ui: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/m);
  assert.match(local.out, /^read-only: serving a snapshot/m);
  assert.equal(local.err, '');
  assert.equal(local.code, 0);
  const wide = await startCli(['ui', '--root', root, '--port', '0', '--listen', '0.0.0.0']);
  assert.match(wide.err, /^vfiokit ui: warning: listening on 0\.0\.0\.0, not only this machine/m);
  const bad = await startCli(['ui', '--port', 'eighty']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^vfiokit: --port wants a number/);
});

test('every API answer is a documented document, and equal to what the CLI prints with --json', async () => {
  const root = labSnapshot('desktop');
  const cli = (args: string[]) => JSON.parse(runCli(['--root', root, '--json', ...args]).stdout);
  const get = async (p: string) => {
    const r = await req('GET', p, { Cookie: cookie });
    assert.equal(r.status, 200, `${p}: ${r.body.slice(0, 300)}`);
    const doc = JSON.parse(r.body);
    assertValidJson(doc);
    return doc;
  };
  const same: [string, string[]][] = [
    ['/api/doctor', ['doctor']],
    ['/api/groups', ['groups']],
    ['/api/devices', ['devices']],
    ['/api/host', []],
    ['/api/journal', ['restore', '--dry-run']],
  ];
  for (const [p, args] of same) assert.deepEqual(await get(p), cli(args), p);
  assertValidJson(await get('/api/info'), 'vfiokit.ui-info/1');
  const dev = await get('/api/device/0000:01:00.0');
  assert.equal(dev.schema, 'vfiokit.ui-device/1');
  assert.deepEqual(dev.device, cli(['device', '0000:01:00.0']));
  assert.deepEqual(dev.explain, cli(['explain', '0000:01:00.0']));
  const spec = 'name: t\nmemory: 2G\ncpu:\n  cores: 2\nfirmware:\n  type: seabios\n';
  const vm = await post('/api/vm/render', { spec });
  assert.equal(vm.status, 200, vm.body);
  assertValidJson(JSON.parse(vm.body), 'vfiokit.ui-vm/1');
  assert.equal(same.length, 5);
});
