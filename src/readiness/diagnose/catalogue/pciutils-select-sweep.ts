/**
 * lspci and setpci refusing what a script asked of them: a device filter that does not parse, a
 * filter that selects no device (so setpci wrote nothing), a capability the device does not have
 * (a Resizable-BAR or reset script aimed at the wrong function). Read in pciutils' lib/filter.c
 * (pci_filter_parse_slot(), pci_filter_parse_id()) and setpci.c; test/unit/diagnose-pciutils-select-
 * sweep.test.ts runs the machine's own lspci and setpci to print each message.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

/** Capability ids a passthrough script reads or writes, with what a device without one means. */
const CAPS: Record<string, string> = {
  'Extended capability 0015':
    'the Resizable BAR capability (ECAP_REBAR): this function has none — it is not the GPU itself (its audio function, a bridge), the card does not support Resizable BAR, or the firmware hides it (Above 4G Decoding / Re-Size BAR Support off)',
  'Extended capability 0010': 'the SR-IOV capability: this function cannot create virtual functions',
  'Extended capability 000d': 'the ACS capability: this port does not isolate its downstream devices',
  'Extended capability 0001': 'the Advanced Error Reporting capability',
  'Capability 0010':
    'the PCI Express capability (CAP_EXP): this is a conventional PCI device, or not the one meant',
  'Capability 0001': 'the power-management capability (CAP_PM): this function cannot change its D-state',
  'Capability 0011': 'the MSI-X capability',
  'Capability 0005': 'the MSI capability',
};

export const PCIUTILS_SELECT_ENTRIES: CatalogueEntry[] = [
  {
    id: 'pciutils.filter-invalid',
    source: 'pciutils',
    cite: 'pciutils lib/filter.c pci_filter_parse_slot() ("Invalid slot number", "Invalid bus number", "Invalid function number", "Invalid domain number", "Too many fields") and pci_filter_parse_id() ("Invalid vendor ID", "Invalid device ID", "Invalid class code"); lspci.c and setpci.c print them after the option',
    format: '-s: Invalid slot number',
    versions: 'lspci prints "lspci: -s: REASON"; setpci "setpci: Unable to parse filter -s REASON"',
    patterns: [
      /(?:lspci: |setpci: Unable to parse filter )-(?<opt>[sd]):? (?<why>Invalid (?:slot|bus|function|domain) number|Too many fields|Invalid (?:vendor|device|subsystem vendor|subsystem device) ID|Invalid class code|Invalid programming interface code)/,
    ],
    severity: 'error',
    title: 'lspci/setpci could not parse the device address or ID it was given',
    cause:
      'the -s address ([[domain:]bus:]slot.func, all hexadecimal, e.g. 0000:01:00.0) or -d ID (vendor:device[:class], hexadecimal) is malformed, so the tool selected nothing and did nothing. From a script this is usually a variable that was empty, held two addresses, held a whole lspci line instead of the address, or carried a stray character (a trailing ":" or a Windows line ending)',
    fix: 'print the value the script passes (`set -x`); take the address with `lspci -D -n -d VENDOR:DEVICE | cut -d" " -f1` and pass one at a time, quoted',
    refine: (f) =>
      f.opt === 'd'
        ? {
            cause: `the -d filter is malformed (${f.why}): lspci/setpci expect VENDOR:DEVICE in hexadecimal (10de:2204, or 10de: for any device of a vendor), optionally :CLASS. A name, a decimal number or a value copied with its brackets ("[10de:2204]") is refused, and the command did nothing`,
            fix: 'pass the bare hexadecimal IDs (`lspci -nn` shows them in brackets: drop the brackets)',
          }
        : undefined,
    render: render('lspci: '),
    examples: [
      ex('lspci: -s: Invalid function number', { opt: 's', why: 'Invalid function number' }),
      ex('setpci: Unable to parse filter -s Invalid bus number', { opt: 's', why: 'Invalid bus number' }),
      ex('lspci: -d: Invalid vendor ID', { opt: 'd', why: 'Invalid vendor ID' }),
    ],
  },
  {
    id: 'pciutils.setpci-no-devices',
    source: 'pciutils',
    cite: 'pciutils setpci.c execute() ("Warning: No devices selected for operation group %d.")',
    format: 'Warning: No devices selected for operation group %d.',
    versions: 'pciutils 3.x; older setpci: "Warning: No devices selected for `%s\'."',
    patterns: [
      /setpci: Warning: No devices selected for (?:operation group (?<group>\d{1,3})|`(?<op>[^'\n]{1,80})')/,
    ],
    severity: 'warning',
    title: 'setpci selected no device, so it wrote nothing',
    cause:
      "the -s address or -d ID parsed but matches no device on this host, so setpci's read or write did not happen (and a script that goes on assumes it did). The device is at another address — bus numbers move when a card is added or the firmware (a BIOS update, a Resizable-BAR or bifurcation setting) renumbers the buses — or it has been removed (echo 1 > remove) or fell off the bus after a failed reset, or the vendor:device ID in the script is for another model",
    fix: '`lspci -D -nn` shows the addresses and IDs there are now; select by ID rather than by a fixed address in scripts (`setpci -d 10de:2204 …`), and check the device is present before writing',
    render: render('setpci: ', 1),
    examples: [ex('setpci: Warning: No devices selected for operation group 1.', { group: '1' })],
  },
  {
    id: 'pciutils.setpci-capability-missing',
    source: 'pciutils',
    cite: 'pciutils setpci.c (a register named relative to a capability: "Instance #%d of %s %04x not found - there are no capabilities with that id.")',
    format: '%s: Instance #%d of %s %04x not found - there are no capabilities with that id.',
    versions:
      'the wording of pciutils 3.6.3 and later, which count instances of a capability (pci_find_cap_nr(), changelog 2020-01-22); checked with 3.9.0',
    patterns: [
      /(?<addr>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): Instance #(?<inst>\d{1,3}) of (?<cap>(?:Extended capability|Capability) [0-9a-f]{4}) not found/,
    ],
    severity: 'error',
    title: 'setpci: the device has no such capability, so nothing was read or written',
    cause:
      "setpci was asked for a register inside a capability (CAP_EXP+…, ECAP_REBAR+…) and this function has no capability of that id, so it stopped without touching the device. In passthrough scripts that is usually the wrong function (the GPU's audio function, a bridge) or a device or firmware that does not offer the feature",
    fix: '`lspci -vvv -s ADDRESS` lists the capabilities the function has; aim the command at the function that has it',
    refine: (f) => {
      const what = f.cap ? CAPS[f.cap] : undefined;
      return what
        ? {
            cause: `${f.addr} has no ${what}. setpci stopped without touching the device, so the script's step (a Resizable-BAR size, a link or power setting) did not happen`,
          }
        : undefined;
    },
    render: render('setpci: ', '0000:01:00.0', 0, 'Extended capability', 0x15),
    examples: [
      ex(
        'setpci: 0000:01:00.1: Instance #0 of Extended capability 0015 not found - there are no capabilities with that id.',
        { addr: '0000:01:00.1', cap: 'Extended capability 0015' },
      ),
      ex(
        'setpci: 0000:00:1f.0: Instance #0 of Capability 0010 not found - there are no capabilities with that id.',
        { addr: '0000:00:1f.0', cap: 'Capability 0010' },
      ),
    ],
  },
];
