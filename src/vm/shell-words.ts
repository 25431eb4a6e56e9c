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

export function shellCommands(src: string): ShellCommand[] {
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
      for (; k < src.length; k++) {
        if (src[k] === '(') depth++;
        else if (src[k] === ')' && --depth === 0) break;
        else if (src[k] === '\n') line++;
      }
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
      const end = close < 0 ? src.length : close;
      const s = src.slice(i + 1, end);
      line += s.split('\n').length - 1;
      push(s);
      i = end + 1;
    } else if (ch === '"') {
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
      i++;
    } else if (ch === '$') {
      dollar(false);
    } else if (ch === '`') {
      const close = src.indexOf('`', i + 1);
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
