/**
 * Text arriving in chunks (a pipe, a file of any size) cut into lines in bounded memory: a line is
 * kept up to MAX_LINE characters and the rest of it is skipped (and counted), and input that goes
 * on for NO_BREAK_LIMIT characters without any line break is not a log (a binary file,
 * /dev/zero): reading stops there and says so. Nothing else is capped: a 40 MB log is read to its
 * last line.
 */

/** Longest line kept; kernel records are at most 1024 bytes, QEMU and libvirt lines far shorter. */
export const MAX_LINE = 4096;
/** Characters without a line break after which the input is taken for something else than a log. */
export const NO_BREAK_LIMIT = 16 * 1024 * 1024;

export interface LineStats {
  /** Lines seen (a final line without a newline counts; a trailing newline adds none). */
  lines: number;
  /** Characters read. */
  chars: number;
  /** Lines longer than MAX_LINE, cut to it. */
  cutLines: number;
  /** Set when reading stopped before the end of the input, with the reason. */
  stopped?: { atLine: number; atChar: number; reason: string };
}

export class LineSplitter {
  private parts: string[] = [];
  private partLen = 0;
  /** Length of the current line so far, including what was skipped. */
  private lineLen = 0;
  readonly stats: LineStats = { lines: 0, chars: 0, cutLines: 0 };

  constructor(private readonly onLine: (line: string, n: number) => void) {}

  get done(): boolean {
    return this.stats.stopped !== undefined;
  }

  push(chunk: string): void {
    if (this.done) return;
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf('\n', pos);
      const end = nl < 0 ? chunk.length : nl;
      this.take(chunk, pos, end);
      this.stats.chars += end - pos + (nl < 0 ? 0 : 1);
      if (nl < 0) {
        if (this.lineLen > NO_BREAK_LIMIT) {
          this.stats.stopped = {
            atLine: this.stats.lines + 1,
            atChar: this.stats.chars,
            reason: `no line break in ${NO_BREAK_LIMIT / 1024 / 1024} MiB: the rest does not look like a text log`,
          };
          this.parts = [];
        }
        return;
      }
      this.emit();
      pos = nl + 1;
    }
  }

  end(): LineStats {
    if (!this.done && this.lineLen > 0) this.emit();
    return this.stats;
  }

  private take(chunk: string, from: number, to: number): void {
    const room = MAX_LINE - this.partLen;
    if (room > 0 && to > from) {
      const piece = chunk.slice(from, Math.min(to, from + room));
      this.parts.push(piece);
      this.partLen += piece.length;
    }
    this.lineLen += to - from;
  }

  private emit(): void {
    let line = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    if (this.lineLen > MAX_LINE) this.stats.cutLines++;
    else if (line.endsWith('\r')) line = line.slice(0, -1);
    // Emptied in place: a new array for each of millions of lines is garbage for nothing.
    this.parts.length = 0;
    this.partLen = 0;
    this.lineLen = 0;
    this.stats.lines++;
    this.onLine(line, this.stats.lines);
  }
}
