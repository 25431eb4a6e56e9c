/** Small constructors shared by the catalogue files, so each entry reads as its message and meaning. */
import type { CatalogueExample } from '../entry.js';

export const BUILT = 'built from the format string';

/** An example message: built from the format string unless an origin (a public report) is given. */
export function ex(text: string, facts?: Record<string, string>, origin: string = BUILT): CatalogueExample {
  return facts ? { text, origin, facts } : { text, origin };
}

/** How the source prints a format's first line: its prefix and the printf arguments. */
export function render(
  prefix: string,
  ...args: (string | number)[]
): { prefix: string; args: (string | number)[] } {
  return { prefix, args };
}

/** A printed struct resource (%pR), e.g. "[mem 0xe0000000-0xefffffff 64bit pref]". */
export const RANGE = '\\[[^\\]\\n]{1,100}\\]';

/** The function __warn() prints (%pS), or the inline name syzbot's symbolizer puts there. */
export const FUNC_NAME = '(?<func>[A-Za-z_][\\w.]{0,80})';

/**
 * The first line of a WARN splat in `file` (a regex source), in both of __warn()'s forms: up to
 * Linux 6.18 "WARNING: CPU: N PID: N at FILE:LINE FUNCTION+0x…/0x…" (the CPU/PID part dropped when
 * people abbreviate it), since 6.19 "WARNING: FILE:LINE at FUNCTION+0x…/0x…, CPU#N: COMM/PID".
 */
export function warnAt(file: string): RegExp[] {
  return [
    new RegExp(
      `WARNING: (?:CPU: \\d{1,5} PID: \\d{1,8} )?at ${file}:(?<line>\\d{1,6})(?:[ \\t]{1,3}${FUNC_NAME})?`,
    ),
    new RegExp(`WARNING: ${file}:(?<line>\\d{1,6}) at ${FUNC_NAME}`),
  ];
}
