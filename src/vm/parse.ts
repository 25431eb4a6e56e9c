/** A VM definition's text: libvirt domain XML when it starts with '<', else a QEMU command line. */
import { UsageError } from '../errors.js';
import type { VmDefinition } from './definition.js';
import { parseLibvirtDomain } from './libvirt-xml.js';
import { parseQemuCommandLine } from './qemu-argv.js';

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
