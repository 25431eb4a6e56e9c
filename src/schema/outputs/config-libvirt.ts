import * as v from 'valibot';
import { lines } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const configLibvirtJson = v.strictObject({
  schema: schemaId('vfiokit.config-libvirt/1'),
  name: field(v.string(), "the spec's name (the domain's <name>)"),
  xml: field(
    v.string(),
    'the whole libvirt domain XML, as the plain output prints it: a new domain for virsh define, or with --patch the given domain with what the spec needs added',
  ),
  patched: v.optional(field(v.string(), 'only with --patch: the domain XML file that was patched, as given')),
  notes: lines(
    'what was added or left as the domain has it (with --patch), the cpu.pin: auto plan (`pinning:` and `host:` lines) and romfile verdicts that could not be decided; the plain output prints them on stderr',
  ),
  warnings: lines(
    'choices in the spec that may not work (machine i440fx, display: vga with OVMF, display: primary with SeaBIOS); the plain output prints them on stderr',
  ),
});
export type ConfigLibvirtJson = v.InferOutput<typeof configLibvirtJson>;

export default defineOutput({
  id: 'vfiokit.config-libvirt/1',
  title: 'a VM spec rendered as a libvirt domain for this host, or patched into an existing one (docs/vm.md)',
  producedBy: ['vfiokit config libvirt SPEC --json', 'vfiokit config libvirt SPEC --patch DOMAIN.xml --json'],
  schema: configLibvirtJson,
});
