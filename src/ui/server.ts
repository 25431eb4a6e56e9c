/**
 * `vfiokit ui`: the dashboard's HTTP server (node:http, no framework). It can bind devices, so it
 * is guarded like a root shell:
 * - it listens on 127.0.0.1 unless --listen names another address (with a warning), and refuses
 *   connections from other addresses when no --listen was given;
 * - the printed URL carries a random token; loading it sets an HttpOnly SameSite=Strict cookie
 *   and redirects to the clean URL, and every request without that cookie is refused (401);
 * - the Host header must name the listen address (a DNS-rebinding page reaches 127.0.0.1 under
 *   its own host name: 421);
 * - requests that carry data are POST with a JSON body, an Origin equal to the dashboard's own
 *   and, when the browser says so, Sec-Fetch-Site same-origin (403 otherwise); no CORS headers,
 *   so no other origin can read an answer;
 * - a Content-Security-Policy without inline script: injected markup cannot run.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { isIP } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../errors.js';
import {
  type ApiState,
  apiGet,
  apiPost,
  errorJson,
  errorStatus,
  GZIP_FROM,
  MAX_BODY,
  RawJson,
} from './api.js';

export interface UiServerOptions {
  state: ApiState;
  /** --listen: the address to listen on (default 127.0.0.1); another than loopback is warned about. */
  listen?: string;
  /** --port (0: any free port). */
  port?: number;
  /** Where the built front end is (dist/ui). */
  assets: string;
  /** The token; random when not given (tests give none). */
  token?: string;
}

export interface UiServer {
  /** The URL to open, with the token. */
  url: string;
  /** The URL without the token (what the browser shows after the redirect). */
  origin: string;
  port: number;
  host: string;
  token: string;
  server: http.Server;
  close(): Promise<void>;
}

export function isLoopback(addr: string): boolean {
  const a = addr.replace(/^::ffff:/, '');
  return a === '::1' || /^127\./.test(a) || a === 'localhost';
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(
    res,
    status,
    value instanceof RawJson ? value.text : JSON.stringify(value),
    'application/json; charset=utf-8',
  );
}

/** A runner's document, gzipped when it is large and the browser accepts gzip. */
async function sendAnswer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  value: unknown,
) {
  const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (!(value instanceof RawJson) || value.text.length < GZIP_FROM || !accepts)
    return sendJson(res, status, value);
  const body = await value.gzip();
  send(res, status, body, 'application/json; charset=utf-8', {
    'Content-Encoding': 'gzip',
    'Content-Length': String(body.length),
    Vary: 'Accept-Encoding',
  });
}

function refuse(res: http.ServerResponse, status: number, message: string, code: string): void {
  sendJson(res, status, { error: { message, code } });
}

function cookies(header: string | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) m.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return m;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The body of a POST, at most MAX_BODY bytes, as a JSON object. */
function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new UsageError(`the request is over ${MAX_BODY / 1024 / 1024} MiB`, { code: 'ui.too-large' }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
        resolve(v as Record<string, unknown>);
      } catch {
        reject(new UsageError('the request body is not a JSON object', { code: 'ui.input' }));
      }
    });
  });
}

/** A listen address as it appears in a URL and a Host header. */
function hostPart(addr: string): string {
  return isIP(addr) === 6 ? `[${addr}]` : addr;
}

export async function startUiServer(opts: UiServerOptions): Promise<UiServer> {
  const listen = opts.listen ?? '127.0.0.1';
  const explicit = opts.listen !== undefined;
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const port0 = opts.port ?? 0;
  if (!Number.isInteger(port0) || port0 < 0 || port0 > 65535)
    throw new UsageError(`--port wants 0 to 65535, not ${port0}`);
  let hosts = new Set<string>();
  let cookieName = '';
  const index = path.join(opts.assets, 'index.html');
  if (!fs.existsSync(index))
    throw new UsageError(`the dashboard's front end is missing (${index})`, {
      hint: 'run `npm run build`',
      code: 'ui.no-assets',
    });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Without --listen only this machine may connect, whatever the socket was bound to.
    if (!explicit && !isLoopback(req.socket.remoteAddress ?? ''))
      return refuse(res, 403, 'only connections from this machine are served (see --listen)', 'ui.remote');
    if (!hosts.has((req.headers.host ?? '').toLowerCase()))
      return refuse(res, 421, 'wrong Host header: open the URL vfiokit ui printed', 'ui.host');
    const url = new URL(req.url ?? '/', 'http://x');
    const given = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && given !== null) {
      if (!sameToken(given, token)) return refuse(res, 401, 'wrong token', 'ui.token');
      // The token moves into a cookie and out of the address bar (and of the history).
      return send(res, 302, '', 'text/plain', {
        'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
    }
    if (!sameToken(cookies(req.headers.cookie).get(cookieName), token))
      return refuse(res, 401, 'no token: open the URL vfiokit ui printed (it carries the token)', 'ui.token');
    if (url.pathname.startsWith('/api/')) {
      const route = url.pathname.slice(4);
      try {
        if (req.method === 'GET') {
          const a = await apiGet(opts.state, route, url.searchParams);
          return await sendAnswer(req, res, a.status, a.body);
        }
        if (req.method !== 'POST') return refuse(res, 405, 'GET or POST only', 'ui.method');
        const origin = req.headers.origin;
        if (origin === undefined || origin !== `http://${req.headers.host}`)
          return refuse(res, 403, 'wrong or missing Origin', 'ui.origin');
        const site = req.headers['sec-fetch-site'];
        if (site !== undefined && site !== 'same-origin')
          return refuse(res, 403, 'cross-site request', 'ui.origin');
        if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
          return refuse(res, 415, 'the body must be application/json', 'ui.content-type');
        const body = await readBody(req);
        const a = await apiPost(opts.state, route, url.searchParams, body);
        return sendJson(res, a.status, a.body);
      } catch (e) {
        return sendJson(res, errorStatus(e), { error: errorJson(e) });
      }
    }
    if (req.method !== 'GET') return refuse(res, 405, 'GET only', 'ui.method');
    if (url.pathname === '/favicon.ico') return send(res, 204, '', 'text/plain');
    const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    // Only the files the build wrote: index.html and assets/NAME (no other path reaches the disk).
    if (!/^(index\.html|assets\/[\w.-]+)$/.test(file) || file.includes('..'))
      return refuse(res, 404, 'not found', 'ui.not-found');
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(opts.assets, file));
    } catch {
      return refuse(res, 404, 'not found', 'ui.not-found');
    }
    send(res, 200, bytes, TYPES[path.extname(file)] ?? 'application/octet-stream');
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendJson(res, 500, { error: errorJson(e) });
      else res.destroy();
    });
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new UsageError(`cannot listen on ${hostPart(listen)}:${port0}: ${e.code ?? e.message}`, {
          hint: e.code === 'EADDRINUSE' ? 'choose another --port' : 'check --listen',
          code: 'ui.listen',
        }),
      ),
    );
    server.listen(port0, listen, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : port0;
  cookieName = `vfiokit-ui-${port}`;
  const names = [hostPart(listen)];
  // An unspecified address serves every interface: the Host is one of this machine's addresses.
  const any = listen === '0.0.0.0' || listen === '::';
  if (any)
    for (const list of Object.values(os.networkInterfaces()))
      for (const i of list ?? []) names.push(hostPart(i.address.replace(/%.*$/, '')));
  if (any || isLoopback(listen)) names.push('localhost', '127.0.0.1', '[::1]');
  hosts = new Set(names.map((h) => `${h}:${port}`.toLowerCase()));
  const origin = `http://${any ? '127.0.0.1' : hostPart(listen)}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    host: listen,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
