/**
 * The vfiokit invocations the lab suite runs inside a guest (see LabCommand for placeholders).
 * Baseline commands see the machine as booted, before any binding; scenario commands run after
 * each binding step, so viability can be compared with the kernel's verdict at that moment.
 */
import type { LabCommands } from './suite.js';
import type { LabTopology } from './topology.js';

export function labCommandsFor(topo: LabTopology): LabCommands {
  // The devices the scenarios hand over are the ones whose isolation matters: explain each.
  const endpoints = [...new Set(topo.scenarios.flatMap((s) => s.bind))];
  // doctor looks at the same devices (it does not read option ROMs; the ROM is judged by its own step).
  const doctor = {
    name: 'doctor',
    args: ['doctor', '--json', ...endpoints.flatMap((id) => ['--device', `{bdf:${id}}`])],
    json: true,
  };
  return {
    baseline: [
      // First, so the snapshot shows the machine exactly as booted (committed as a fixture by
      // scripts/regen-lab-fixtures.ts).
      { name: 'snapshot', args: ['snapshot', '-o', '{out}/snapshot', '--json'], json: true },
      { name: 'devices', args: ['devices', '--json'], json: true },
      { name: 'groups', args: ['groups', '--json'], json: true },
      { name: 'groups-simulate', args: ['groups', '--simulate', '--json'], json: true },
      doctor,
      ...endpoints.map((id) => ({
        name: `explain-${id}`,
        args: ['explain', `{bdf:${id}}`, '--json'],
        json: true,
      })),
      // The ROM through vfiokit's own sysfs reader, before any driver is moved (the ROM BAR is
      // readable while e1000e holds the NIC: QEMU's ROM is not shadowed like a boot GPU's).
      ...(topo.roms ?? []).map((r) => ({
        name: `rom-dump-${r.device}`,
        // --force: the lab's NIC is in use by e1000e, and nothing in the guest depends on it.
        args: [
          'rom',
          'dump',
          `{bdf:${r.device}}`,
          '-o',
          `{out}/rom-${r.device}.vfiokit.rom`,
          '--force',
          '--json',
        ],
        json: true,
      })),
      // Without --force a NIC in use is refused before its ROM BAR is touched.
      ...(topo.roms ?? []).map((r) => ({
        name: `rom-dump-refused-${r.device}`,
        args: ['rom', 'dump', `{bdf:${r.device}}`, '-o', `{out}/rom-${r.device}.refused.rom`],
      })),
      // The same ROMs carried in a snapshot (plus every display controller's, --roms).
      ...(topo.roms?.length
        ? [
            {
              name: 'snapshot-roms',
              args: [
                'snapshot',
                '--roms',
                ...topo.roms.flatMap((r) => ['--rom', `{bdf:${r.device}}`]),
                '--force',
                '-o',
                '{out}/snapshot-roms',
                '--json',
              ],
              json: true,
            },
          ]
        : []),
    ],
    scenario: [{ name: 'groups', args: ['groups', '--json'], json: true }, doctor],
  };
}
