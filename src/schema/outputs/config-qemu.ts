import * as v from 'valibot';
import { lines } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const configQemuJson = v.strictObject({
  schema: schemaId('vfiokit.config-qemu/1'),
  name: field(v.string(), "the spec's name (QEMU -name, with debug-threads=on)"),
  argv: field(
    v.pipe(v.array(v.string()), v.minLength(1)),
    'the QEMU command as an array, argv[0] the binary (qemu-system-x86_64): for execve or subprocess without a shell; the same command the plain output prints shell-quoted',
  ),
  notes: lines(
    'what a command line cannot do by itself (copying the UEFI variable store before the first start, pinning threads after start), the cpu.pin: auto plan (`pinning:` and `host:` lines) and romfile verdicts that could not be decided; the plain output prints them on stderr',
  ),
  warnings: lines(
    'choices in the spec that may not work (machine i440fx, display: vga with OVMF, display: primary with SeaBIOS); the plain output prints them on stderr',
  ),
});
export type ConfigQemuJson = v.InferOutput<typeof configQemuJson>;

export default defineOutput({
  id: 'vfiokit.config-qemu/1',
  title: 'a VM spec rendered as a QEMU command line for this host (docs/vm.md)',
  producedBy: ['vfiokit config qemu SPEC --json'],
  schema: configQemuJson,
});
