/**
 * The VM definition file given to `doctor --vm`: the user's own file, read from the working
 * directory (not from --root, which is the host being checked), then parsed by src/vm.
 */
import * as fs from 'node:fs';
import { EnvironmentError, errnoCode, UsageError } from '../../errors.js';
import type { VmDefinition } from '../../vm/definition.js';
import { parseVmDefinition } from '../../vm/parse.js';

/** Far above any domain XML or launch script; keeps a wrong argument (a disk image) cheap. */
const MAX_VM_FILE = 4 * 1024 * 1024;

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
