/** Reads a VM definition file: libvirt domain XML when it starts with '<', else a QEMU command line. */
import * as fs from 'node:fs';
import { EnvironmentError, errnoCode, UsageError } from '../errors.js';
import type { VmDefinition } from './definition.js';
import { parseLibvirtDomain } from './libvirt-xml.js';
import { parseQemuCommandLine } from './qemu-argv.js';

/** Far above any domain XML or launch script; keeps a wrong argument (a disk image) cheap. */
const MAX_VM_FILE = 4 * 1024 * 1024;

export function parseVmDefinition(text: string, file: string): VmDefinition {
  if (text.includes('\0')) {
    throw new UsageError(`${file} is a binary file, not a VM definition`, {
      hint: 'pass a libvirt domain XML (virsh dumpxml NAME > vm.xml) or a QEMU launch script',
      code: 'vm.binary',
    });
  }
  const body = text.replace(/^\uFEFF/, '');
  return body.trimStart().startsWith('<') ? parseLibvirtDomain(body, file) : parseQemuCommandLine(body, file);
}

export function readVmDefinition(file: string): VmDefinition {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new UsageError(`${file} is not a regular file`, { code: 'vm.not-file' });
    if (st.size > MAX_VM_FILE)
      throw new UsageError(`${file} is ${st.size} bytes, too large for a VM definition`, {
        code: 'vm.too-large',
      });
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = errnoCode(e);
    if (code === 'ENOENT')
      throw new EnvironmentError(`VM definition ${file} does not exist`, {
        hint: 'for libvirt: virsh dumpxml NAME > vm.xml',
        code: 'vm.no-file',
      });
    throw new EnvironmentError(`cannot read ${file}: ${code ?? String(e)}`, { code: 'vm.unreadable' });
  }
  return parseVmDefinition(text, file);
}
