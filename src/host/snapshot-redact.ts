/**
 * Redaction for snapshots, which users attach to public bug reports: serial numbers (the PCIe
 * Device Serial Number capability, often an EUI-64 built from a MAC; `serial` attributes such as
 * NVMe controller serials), MAC addresses in any text, and the host name. Counts are kept for
 * the manifest so a reader knows what was removed.
 */
import { walkCapabilities } from '../pci/capability-list.js';
import { EXT_CAP } from '../pci/capability-names.js';
import { DSN_SERIAL_LENGTH, DSN_SERIAL_OFFSET } from '../pci/caps/dsn.js';
import { ConfigView } from '../pci/config-view.js';
import { decodeHeader } from '../pci/header.js';

/** Six colon- or dash-separated hex pairs, not part of a longer run (e.g. an IPv6 address). */
const MAC =
  /(?<![0-9A-Fa-f:-])(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])/g;

/**
 * MACs on kernel command lines that the general pattern cannot see because a prefix touches
 * them: PXELINUX's BOOTIF=01-aa-bb-cc-dd-ee-ff (ARP type 01 first) and dracut's
 * ifname=NAME:aa:bb:cc:dd:ee:ff; and the dotted form some tools print (aabb.ccdd.eeff).
 */
const PREFIXED_MAC =
  /(BOOTIF=[0-9A-Fa-f]{2}-|ifname=[^\s:=]+:)((?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2})(?![0-9A-Fa-f])/gi;
const DOTTED_MAC = /(?<![0-9A-Fa-f.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![0-9A-Fa-f.])/g;

export const REDACTED_MAC = 'xx:xx:xx:xx:xx:xx';
export const REDACTED_SERIAL = 'REDACTED';
export const REDACTED_HOST = 'REDACTED-HOSTNAME';

export interface RedactionCounts {
  macAddresses: number;
  serialNumbers: number;
  deviceSerialCaps: number;
  hostNames: number;
}

export class Redactor {
  readonly counts: RedactionCounts = { macAddresses: 0, serialNumbers: 0, deviceSerialCaps: 0, hostNames: 0 };
  private readonly hostRe?: RegExp;

  constructor(
    readonly enabled: boolean,
    hostNames: string[] = [],
  ) {
    // Names like "localhost" identify nobody, and very short ones would mangle unrelated text.
    const names = [
      ...new Set(hostNames.map((h) => h.trim()).filter((h) => h.length >= 3 && h !== 'localhost')),
    ];
    if (names.length) {
      const alt = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
      this.hostRe = new RegExp(`(?<![A-Za-z0-9_-])(?:${alt})(?![A-Za-z0-9_-])`, 'gi');
    }
  }

  /** Free text (kernel messages, config files): MAC addresses and the host name. */
  text(s: string): string {
    if (!this.enabled) return s;
    const mac = () => {
      this.counts.macAddresses++;
      return REDACTED_MAC;
    };
    let out = s
      .replace(PREFIXED_MAC, (_m, prefix: string) => `${prefix}${mac()}`)
      .replace(MAC, mac)
      .replace(DOTTED_MAC, mac);
    if (this.hostRe) {
      out = out.replace(this.hostRe, () => {
        this.counts.hostNames++;
        return REDACTED_HOST;
      });
    }
    return out;
  }

  /** A file that is only a serial number. */
  serial(s: string): string {
    if (!this.enabled) return s;
    this.counts.serialNumbers++;
    return `${REDACTED_SERIAL}\n`;
  }

  /** A file that is only the host name. */
  hostName(s: string): string {
    if (!this.enabled || !s.trim() || s.trim() === REDACTED_HOST) return s;
    this.counts.hostNames++;
    return `${REDACTED_HOST}\n`;
  }

  /** Config space with the Device Serial Number capability's 8 serial bytes zeroed. */
  config(bytes: Uint8Array): Uint8Array {
    if (!this.enabled) return bytes;
    const view = new ConfigView(bytes);
    const header = decodeHeader(view);
    if (!header) return bytes;
    const dsn = walkCapabilities(view, header).capabilities.filter((c) => c.extended && c.id === EXT_CAP.DSN);
    if (!dsn.length) return bytes;
    const out = new Uint8Array(bytes);
    for (const c of dsn) {
      const start = c.offset + DSN_SERIAL_OFFSET;
      out.fill(0, start, Math.min(out.length, start + DSN_SERIAL_LENGTH));
      this.counts.deviceSerialCaps++;
    }
    return out;
  }
}
