import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';
import { configLibvirtJson } from './config-libvirt.js';
import { configQemuJson } from './config-qemu.js';

export const uiVmJson = v.strictObject({
  schema: schemaId('vfiokit.ui-vm/1'),
  qemu: field(configQemuJson, 'what `vfiokit config qemu SPEC --json` prints'),
  qemuShell: field(v.string(), 'the command line as `vfiokit config qemu SPEC` prints it (shell-quoted)'),
  libvirt: field(configLibvirtJson, 'what `vfiokit config libvirt SPEC --json` prints'),
});

export default defineOutput({
  id: 'vfiokit.ui-vm/1',
  title: 'a VM spec rendered by the dashboard (POST /api/vm/render)',
  producedBy: ['vfiokit ui: POST /api/vm/render'],
  schema: uiVmJson,
});
