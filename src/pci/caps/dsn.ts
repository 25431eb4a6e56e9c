/**
 * Device Serial Number (PCIe base spec 7.9.3): a 64-bit unique ID, often an EUI-64 derived from
 * a MAC address. Shown like lspci (bytes high to low); snapshots redact it.
 */
import type { ConfigView } from '../config-view.js';

/** The two dwords of the serial: the byte range a redactor must clear. */
export const DSN_SERIAL_OFFSET = 4;
export const DSN_SERIAL_LENGTH = 8;

export function decodeDsn(view: ConfigView, off: number): Record<string, unknown> | undefined {
  if (!view.has(off + DSN_SERIAL_OFFSET, DSN_SERIAL_LENGTH)) return undefined;
  const parts: string[] = [];
  for (let i = DSN_SERIAL_LENGTH - 1; i >= 0; i--) {
    parts.push(
      view
        .u8(off + DSN_SERIAL_OFFSET + i)!
        .toString(16)
        .padStart(2, '0'),
    );
  }
  return { serial: parts.join('-') };
}
