/**
 * The one error type the ROM model throws. Malformed bytes are expected input for a ROM tool,
 * so every decoder failure is a RomFormatError with a stable code, never a RangeError or a
 * TypeError escaping from an out-of-bounds read.
 */
import { VfiokitError } from '../errors.js';

export class RomFormatError extends VfiokitError {
  /** Absolute file offset the problem was found at, when there is one. */
  readonly offset?: number;

  constructor(message: string, options: { code?: string; hint?: string; offset?: number } = {}) {
    super(message, { code: options.code ?? 'rom.format', hint: options.hint });
    this.name = 'RomFormatError';
    this.offset = options.offset;
  }
}
