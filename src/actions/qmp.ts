/**
 * A QMP client (QEMU Machine Protocol, QEMU's docs/interop/qmp-spec.rst) over a unix socket: the
 * server speaks first with a greeting ({"QMP": {...}}), the client must send qmp_capabilities
 * before any other command, then each {"execute": …} gets one {"return": …} or {"error": {class,
 * desc}}, in order; asynchronous {"event": …} messages (SHUTDOWN, STOP, …) may come between.
 * Messages are JSON objects, one per line.
 *
 * Every wait is bounded, and so is a line: a peer that sends no newline cannot make it grow
 * without end.
 */
import * as net from 'node:net';
import { VfiokitError } from '../errors.js';

/** A query-pci answer of a q35 machine with a few dozen devices is some kilobytes. */
const MAX_LINE = 4 * 1024 * 1024;

export interface QmpEvent {
  event: string;
  data?: Record<string, unknown>;
}

export class QmpError extends VfiokitError {
  constructor(
    readonly command: string,
    readonly errorClass: string,
    desc: string,
  ) {
    super(`QMP ${command}: ${errorClass}: ${desc}`, { code: 'qmp.error' });
  }
}

type Pending = { command: string; resolve: (v: unknown) => void; reject: (e: Error) => void };

export class QmpClient {
  private buf = '';
  private pending: Pending[] = [];
  private closedWith?: Error;
  readonly events: QmpEvent[] = [];
  private eventWaiters: (() => void)[] = [];

  private constructor(private readonly sock: net.Socket) {}

  /** Connect, read the greeting and leave capabilities negotiation mode. */
  static async connect(path: string, timeoutMs: number): Promise<QmpClient> {
    const sock = net.connect(path);
    const c = new QmpClient(sock);
    const greeting = new Promise<void>((resolve, reject) => {
      c.pending.push({ command: 'greeting', resolve: () => resolve(), reject });
    });
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => c.onData(d));
    sock.on('error', (e) => c.fail(new VfiokitError(`QMP ${path}: ${e.message}`, { code: 'qmp.socket' })));
    sock.on('close', () =>
      c.fail(new VfiokitError(`QMP ${path}: connection closed`, { code: 'qmp.closed' })),
    );
    try {
      await withTimeout(greeting, timeoutMs, `QMP ${path}: no greeting within ${timeoutMs / 1000} s`);
      await c.execute('qmp_capabilities', undefined, timeoutMs);
    } catch (e) {
      c.close();
      throw e;
    }
    return c;
  }

  private onData(d: string): void {
    this.buf += d;
    for (let i = this.buf.indexOf('\n'); i >= 0; i = this.buf.indexOf('\n')) {
      const line = this.buf.slice(0, i).trim();
      this.buf = this.buf.slice(i + 1);
      if (line) this.onMessage(line);
    }
    if (this.buf.length > MAX_LINE) {
      this.fail(new VfiokitError(`QMP: a message longer than ${MAX_LINE} bytes`, { code: 'qmp.protocol' }));
      this.sock.destroy();
    }
  }

  private onMessage(line: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.fail(new VfiokitError(`QMP: not JSON: ${line.slice(0, 80)}`, { code: 'qmp.protocol' }));
      return;
    }
    if (typeof msg.event === 'string') {
      this.events.push({ event: msg.event, data: msg.data as Record<string, unknown> | undefined });
      for (const w of this.eventWaiters.splice(0)) w();
      return;
    }
    const p = this.pending.shift();
    if (!p) return;
    if (p.command === 'greeting') {
      if ('QMP' in msg) p.resolve(msg.QMP);
      else p.reject(new VfiokitError('QMP: the server did not greet', { code: 'qmp.protocol' }));
    } else if (msg.error && typeof msg.error === 'object') {
      const e = msg.error as { class?: unknown; desc?: unknown };
      p.reject(new QmpError(p.command, String(e.class ?? 'Error'), String(e.desc ?? '')));
    } else p.resolve(msg.return);
  }

  private fail(e: Error): void {
    this.closedWith ??= e;
    for (const p of this.pending.splice(0)) p.reject(e);
    for (const w of this.eventWaiters.splice(0)) w();
  }

  /** Run one command; its `return` value, or a QmpError. */
  execute(command: string, args?: Record<string, unknown>, timeoutMs = 10_000): Promise<unknown> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const p = new Promise<unknown>((resolve, reject) => this.pending.push({ command, resolve, reject }));
    this.sock.write(`${JSON.stringify({ execute: command, ...(args ? { arguments: args } : {}) })}\n`);
    return withTimeout(p, timeoutMs, `QMP ${command}: no answer within ${timeoutMs / 1000} s`);
  }

  /** Wait until an event with this name has arrived (true), or the time is up or the link closed (false). */
  async waitEvent(name: string, timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      if (this.events.some((e) => e.event === name)) return true;
      if (this.closedWith || Date.now() >= end) return false;
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(1, end - Date.now()));
        this.eventWaiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  close(): void {
    this.sock.destroy();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timer = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new VfiokitError(message, { code: 'qmp.timeout' })), ms);
  });
  return Promise.race([p, timer]).finally(() => clearTimeout(t));
}
