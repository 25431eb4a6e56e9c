/**
 * A VM definition's text: libvirt domain XML when it starts with '<', a vfiokit VM spec when it is
 * YAML (docs/vm.md), else a QEMU command line.
 */
import { UsageError } from '../errors.js';
import type { VmDefinition } from './definition.js';
import { parseLibvirtDomain } from './libvirt-xml.js';
import { parseQemuCommandLine } from './qemu-argv.js';
import { specDefinition } from './spec/to-definition.js';

/**
 * A vfiokit spec is YAML whose first line that is not blank or a comment is a `key:` mapping
 * entry; a QEMU script's first such line is a command or an assignment (VAR=value).
 */
function looksLikeSpec(body: string, file: string): boolean {
  if (/\.ya?ml$/i.test(file)) return true;
  const first = body.split('\n').find((l) => l.trim() && !l.trimStart().startsWith('#'));
  return first !== undefined && /^[A-Za-z_][\w-]*:(\s|$)/.test(first);
}

export function parseVmDefinition(text: string, file: string): VmDefinition {
  if (text.includes('\0')) {
    throw new UsageError(`${file} is a binary file, not a VM definition`, {
      hint: 'pass a libvirt domain XML (virsh dumpxml NAME > vm.xml) or a QEMU launch script',
      code: 'vm.binary',
    });
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('<')) return parseLibvirtDomain(body, file);
  return looksLikeSpec(body, file) ? specDefinition(body, file) : parseQemuCommandLine(body, file);
}
