/**
 * Editing a kernel command line where it is stored: a word list (kernel/params.c splits on
 * spaces, double quotes group a value) in /etc/kernel/cmdline, or the GRUB_CMDLINE_LINUX_DEFAULT
 * shell variable in /etc/default/grub. Words the user has are kept in their order; parameters are
 * added at the end or changed in place. Module parameter names compare with '-' and '_' alike, as
 * the kernel's parameq does.
 */
import { VfiokitError } from '../errors.js';
import { normaliseParamName } from '../system/kernel-cmdline.js';

import type { WantedParam } from '../system/setup-record.js';

export type { WantedParam };

export interface CmdlineEdit {
  words: string[];
  changed: boolean;
  /** Parameters left as the user had them although they differ from what setup would set. */
  notes: string[];
}

/** Split like the kernel: whitespace separates, double quotes group. Words keep their quotes. */
export function splitCmdline(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && /\s/.test(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

const nameOf = (word: string) => {
  const eq = word.indexOf('=');
  return normaliseParamName((eq < 0 ? word : word.slice(0, eq)).replace(/"/g, ''));
};
const paramValueOf = (word: string) => {
  const eq = word.indexOf('=');
  return eq < 0 ? undefined : word.slice(eq + 1).replace(/^"|"$/g, '');
};

export function editWords(words: readonly string[], wanted: readonly WantedParam[]): CmdlineEdit {
  const out = [...words];
  const notes: string[] = [];
  let changed = false;
  for (const w of wanted) {
    const name = nameOf(w.word);
    const value = paramValueOf(w.word) ?? '';
    const at = out.map((x, i) => (nameOf(x) === name ? i : -1)).filter((i) => i >= 0);
    if (w.policy === 'word') {
      if (!out.includes(w.word)) {
        out.push(w.word);
        changed = true;
      }
      continue;
    }
    if (!at.length) {
      out.push(w.word);
      changed = true;
      continue;
    }
    const first = out[at[0]];
    if (w.policy === 'keep') {
      if (paramValueOf(first) !== value) notes.push(`${first} kept as it is (vfiokit would set ${w.word})`);
      continue;
    }
    if (w.policy === 'option') {
      const opts = (paramValueOf(first) ?? '').split(',').filter(Boolean);
      if (opts.includes(value)) continue;
      const off = opts.indexOf('off');
      if (off >= 0) opts[off] = value;
      else opts.unshift(value);
      out[at[0]] =
        `${first.slice(0, first.indexOf('=') < 0 ? first.length : first.indexOf('='))}=${opts.join(',')}`;
      changed = true;
      continue;
    }
    // set: one occurrence with the value (a later duplicate would override it in the kernel).
    if (at.length === 1 && paramValueOf(first) === value) continue;
    out[at[0]] = w.word;
    for (const i of at.slice(1).reverse()) out.splice(i, 1);
    changed = true;
  }
  return { words: out, changed, notes };
}

/** Which words of `wanted` the command line lacks in the sense of editWords (for tools like grubby). */
export function missingWords(words: readonly string[], wanted: readonly WantedParam[]): WantedParam[] {
  return wanted.filter((w) => editWords(words, [w]).changed);
}

/** /etc/kernel/cmdline: one line of words. Keeps whether the file ended in a newline. */
export function editPlainCmdline(
  text: string,
  wanted: readonly WantedParam[],
): { text: string } & CmdlineEdit {
  const e = editWords(splitCmdline(text), wanted);
  if (!e.changed) return { text, ...e };
  return { text: `${e.words.join(' ')}${text === '' || text.endsWith('\n') ? '\n' : ''}`, ...e };
}

/**
 * A command line for /etc/kernel/cmdline made from the running one, as kernel-install does when
 * the file is absent: without BOOT_IMAGE= and initrd=, which the boot loader adds itself.
 */
export function cmdlineFromProc(proc: string): string {
  const words = splitCmdline(proc).filter((w) => !/^(BOOT_IMAGE|initrd)=/.test(w));
  return `${words.join(' ')}\n`;
}

const GRUB_VARS = ['GRUB_CMDLINE_LINUX_DEFAULT', 'GRUB_CMDLINE_LINUX'];

/**
 * /etc/default/grub is a shell fragment that grub-mkconfig sources. The parameters go into
 * GRUB_CMDLINE_LINUX_DEFAULT (normal entries; Debian, Ubuntu and Arch keep "quiet" there) when it
 * is set, else GRUB_CMDLINE_LINUX; the last assignment is the one the shell keeps. A value that
 * uses shell expansion or escaped quotes is refused rather than rewritten wrongly.
 */
export function editGrubDefault(
  text: string,
  wanted: readonly WantedParam[],
): { text: string; variable: string } & CmdlineEdit {
  const lines = text.split('\n');
  for (const v of GRUB_VARS) {
    let idx = -1;
    for (let i = 0; i < lines.length; i++) if (new RegExp(`^\\s*(export\\s+)?${v}=`).test(lines[i])) idx = i;
    if (idx < 0) continue;
    const line = lines[idx];
    const m = new RegExp(
      `^(\\s*(?:export\\s+)?${v}=)(?:"([^"\\\\$\`]*)"|'([^']*)'|([^\\s"'$\`\\\\]*))\\s*(#.*)?$`,
    ).exec(line);
    if (!m) {
      throw new VfiokitError(`cannot edit ${v} in /etc/default/grub safely: ${line.trim().slice(0, 80)}`, {
        hint: `it uses shell quoting or expansion vfiokit does not rewrite; add the parameters by hand (vfiokit setup --dry-run shows them)`,
        code: 'setup.grub-syntax',
      });
    }
    const single = m[3] !== undefined;
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    const e = editWords(splitCmdline(value), wanted);
    if (!e.changed) return { text, variable: v, ...e };
    const joined = e.words.join(' ');
    if (single && joined.includes("'"))
      throw new VfiokitError('cannot quote the new value for GRUB', { code: 'setup.grub-syntax' });
    if (!single && /["\\$`]/.test(joined.replace(/"[^"]*"/g, ''))) {
      throw new VfiokitError('cannot quote the new value for GRUB', { code: 'setup.grub-syntax' });
    }
    // Words with their own double quotes (acpi_osi="Windows 2015") need a single-quoted value.
    const q = single || joined.includes('"') ? "'" : '"';
    lines[idx] = `${m[1]}${q}${joined}${q}${m[5] ? ` ${m[5]}` : ''}`;
    return { text: lines.join('\n'), variable: v, ...e };
  }
  const e = editWords([], wanted);
  const add = `GRUB_CMDLINE_LINUX_DEFAULT="${e.words.join(' ')}"\n`;
  return {
    text: text === '' || text.endsWith('\n') ? text + add : `${text}\n${add}`,
    variable: 'GRUB_CMDLINE_LINUX_DEFAULT',
    ...e,
  };
}
