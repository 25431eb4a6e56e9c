/**
 * Just enough POSIX shell to read a VM launch script without running it: words and quoting
 * ('…', "…", backslash), comments, line continuations, command separators, and $NAME / ${NAME}
 * expanded from plain assignments made earlier in the script (unquoted expansions split into
 * words, as the shell does). Command substitutions and unknown variables stay unresolved and
 * are marked so, never guessed.
 */

export interface ShellWord {
  text: string;
  /** 1-based line where the word starts. */
  line: number;
  /** The word holds an expansion vfiokit could not resolve ($(…), `…`, an unset variable). */
  unresolved: boolean;
}

/** A simple command: its words, in order. */
export type ShellCommand = ShellWord[];

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * A quote or command substitution that never closes: sh refuses the whole script ("Unterminated
 * quoted string"), so there are no words to read, and reading the rest of the file as one word
 * would silently lose every option after it.
 */
export class ShellSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly what: string,
  ) {
    super(`line ${line}: ${what} (sh refuses to run the script)`);
    this.name = 'ShellSyntaxError';
  }
}

/**
 * `lenient` reads text that is not a script but holds a command line among other lines (libvirt's
 * per-domain log: a header line, QEMU's own messages with apostrophes after the command): syntax
 * errors are not reported there, and an unclosed quote runs to the end of the text.
 */
export function shellCommands(src: string, opts: { lenient?: boolean } = {}): ShellCommand[] {
  const fail = (line: number, what: string): void => {
    if (!opts.lenient) throw new ShellSyntaxError(line, what);
  };
  const vars = new Map<string, string>();
  const commands: ShellCommand[] = [];
  let cmd: ShellCommand = [];
  let line = 1;
  let i = 0;
  // The word being built: characters, and which of them came from an unquoted expansion.
  let chars: string[] = [];
  let split: boolean[] = [];
  let inWord = false;
  let wordLine = 1;
  let unresolved = false;
  // Open subshells and case statements: a ')' outside both is a syntax error to sh.
  let subshells = 0;
  let cases = 0;

  const push = (s: string, fromExpansion = false) => {
    for (const ch of s) {
      chars.push(ch);
      split.push(fromExpansion);
    }
    inWord = true;
  };
  const endWord = () => {
    if (!inWord) return;
    // Field splitting applies only to whitespace that an unquoted expansion produced.
    let cur = '';
    let any = false;
    const words: string[] = [];
    for (let k = 0; k < chars.length; k++) {
      if (split[k] && /\s/.test(chars[k])) {
        if (any) words.push(cur);
        cur = '';
        any = false;
      } else {
        cur += chars[k];
        any = true;
      }
    }
    if (any || (!words.length && !split.some(Boolean))) words.push(cur);
    for (const w of words) cmd.push({ text: w, line: wordLine, unresolved });
    // A case statement's patterns end in ')': count `case` … `esac` so they are not taken as errors.
    if (!split.some(Boolean) && (chars.join('') === 'case' || chars.join('') === 'esac') && cmd.length === 1)
      cases += chars.join('') === 'case' ? 1 : -1;
    chars = [];
    split = [];
    inWord = false;
    unresolved = false;
  };
  const endCommand = () => {
    endWord();
    if (!cmd.length) return;
    // A command of only NAME=value words (optionally after export/readonly/local) sets variables.
    const words = ['export', 'readonly', 'local', 'declare'].includes(cmd[0].text) ? cmd.slice(1) : cmd;
    if (words.length && words.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text))) {
      for (const w of words) {
        const eq = w.text.indexOf('=');
        if (w.unresolved) vars.delete(w.text.slice(0, eq));
        else vars.set(w.text.slice(0, eq), w.text.slice(eq + 1));
      }
    } else {
      commands.push(cmd);
    }
    cmd = [];
  };
  const startWord = () => {
    if (!inWord) {
      inWord = true;
      wordLine = line;
    }
  };
  /** Reads $… at src[i] (i at '$'), appends the expansion and moves i past it. */
  const dollar = (quoted: boolean): void => {
    const rest = src.slice(i + 1);
    if (rest.startsWith('(')) {
      // $(…) or $((…)): skip to the balancing parenthesis.
      let depth = 0;
      let k = i + 1;
      const opened = line;
      for (; k < src.length; k++) {
        if (src[k] === '(') depth++;
        else if (src[k] === ')' && --depth === 0) break;
        else if (src[k] === '\n') line++;
      }
      if (k >= src.length) fail(opened, 'a $( command substitution never closes');
      push(src.slice(i, k + 1));
      unresolved = true;
      i = k + 1;
      return;
    }
    let name: string | undefined;
    let len = 0;
    if (rest.startsWith('{')) {
      const close = rest.indexOf('}');
      const inner = close > 0 ? rest.slice(1, close) : '';
      if (close > 0 && NAME.exec(inner)?.[0] === inner) {
        name = inner;
        len = close + 1;
      }
    } else {
      const m = NAME.exec(rest);
      if (m) {
        name = m[0];
        len = m[0].length;
      }
    }
    if (name === undefined) {
      push('$');
      if (rest.startsWith('{')) unresolved = true;
      i++;
      return;
    }
    const value = vars.get(name);
    if (value === undefined) {
      push(src.slice(i, i + 1 + len));
      unresolved = true;
    } else {
      push(value, !quoted);
    }
    i += 1 + len;
  };

  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (ch === '(') {
      // After a word, '(' only opens a function definition `name()`; anywhere else sh refuses it.
      if ((inWord || cmd.length) && !/^\(\s*\)/.test(src.slice(i))) fail(line, 'a "(" after a word');
      if (!inWord && !cmd.length) subshells++;
    } else if (ch === ')') {
      const funcdef = src[i - 1] === '(' || /\(\s*$/.test(src.slice(Math.max(0, i - 8), i));
      if (!funcdef && subshells === 0 && cases === 0) fail(line, 'a ")" without its "("');
      if (!funcdef && subshells > 0) subshells--;
    } else if ((ch === '<' || ch === '>') && !/^[<>&|]*[ \t]*[^\s;&|()<>]/.test(src.slice(i + 1))) {
      // A redirection needs its target word on the same command.
      fail(line, `a "${ch}" redirection without a target`);
    }
    if (ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
      endCommand();
      if (ch === '\n') line++;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      i++;
      continue;
    }
    if (ch === '#' && !inWord) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    startWord();
    if (ch === '\\') {
      if (i + 1 < src.length) push(src[i + 1]);
      i += 2;
    } else if (ch === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) fail(line, "a ' quote never closes");
      const end = close < 0 ? src.length : close;
      const s = src.slice(i + 1, end);
      line += s.split('\n').length - 1;
      push(s);
      i = end + 1;
    } else if (ch === '"') {
      const opened = line;
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length && '"\\$`\n'.includes(src[i + 1])) {
          if (src[i + 1] === '\n') line++;
          else push(src[i + 1]);
          i += 2;
        } else if (src[i] === '$') {
          dollar(true);
        } else if (src[i] === '`') {
          const close = src.indexOf('`', i + 1);
          if (close < 0) fail(line, 'a ` command substitution never closes');
          const end = close < 0 ? src.length : close;
          push(src.slice(i, end + 1));
          unresolved = true;
          i = end + 1;
        } else {
          if (src[i] === '\n') line++;
          push(src[i]);
          i++;
        }
      }
      if (i >= src.length) fail(opened, 'a " quote never closes');
      i++;
    } else if (ch === '$') {
      dollar(false);
    } else if (ch === '`') {
      const close = src.indexOf('`', i + 1);
      if (close < 0) fail(line, 'a ` command substitution never closes');
      const end = close < 0 ? src.length : close;
      const s = src.slice(i, end + 1);
      line += s.split('\n').length - 1;
      push(s);
      unresolved = true;
      i = end + 1;
    } else {
      push(ch);
      i++;
    }
  }
  endCommand();
  return commands;
}
