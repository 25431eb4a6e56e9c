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
