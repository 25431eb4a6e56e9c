/**
 * The simulated sysfs the hugepage and display hosts build on (hugepage-host.ts, display-host.ts):
 * the binding one (fake-sysfs.ts) plus what both need for the attribute files they simulate: the
 * attribute read actions take their backup from (a file's text without sysfs's trailing newline,
 * or a link's target name; null when absent), and the start of every write they intercept: the
 * write logged, then the fault a test injected at that write (`fault`, by index in the log) or on
 * that file (`failPaths`), as the binding files' writes have them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SysfsWriteResult } from '../../src/host/sysfs-io.js';
import { FakeSysfs } from './fake-sysfs.js';

export class AttrFakeSysfs extends FakeSysfs {
  attrState(hostPath: string, read: 'text' | 'link'): string | null {
    const f = path.join(this.dir, hostPath);
    try {
      return read === 'link'
        ? path.basename(fs.readlinkSync(f))
        : fs.readFileSync(f, 'utf8').replace(/\n$/, '');
    } catch {
      return null;
    }
  }

  /** Log an intercepted write; the injected failure for it, if any (else undefined: simulate it). */
  protected injected(hostPath: string, value: string, timeoutMs: number): SysfsWriteResult | undefined {
    const n = this.log.length;
    this.log.push(`${hostPath} <- ${JSON.stringify(value)}`);
    if (this.fault?.at === n) {
      if (this.fault.kind === 'fail') return { ok: false, error: 'EIO' };
      return { ok: false, timedOut: true, error: `no answer after ${timeoutMs} ms` };
    }
    if (this.failPaths.some((p) => hostPath.endsWith(p))) return { ok: false, error: 'EIO' };
    return undefined;
  }
}
