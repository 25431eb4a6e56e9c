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
  return new ShellLexer(src, opts.lenient === true).run();
}

/**
 * The lexer's state, shared by the steps of one read: the command and word being built, the
 * variables set so far, the line, and the open subshells and case statements.
 */
class ShellLexer {
  readonly vars = new Map<string, string>();
  readonly commands: ShellCommand[] = [];
  cmd: ShellCommand = [];
  line = 1;
  i = 0;
  // The word being built: characters, and which of them came from an unquoted expansion.
  chars: string[] = [];
  split: boolean[] = [];
  inWord = false;
  wordLine = 1;
  unresolved = false;
  // Open subshells and case statements: a ')' outside both is a syntax error to sh.
  subshells = 0;
  cases = 0;

  constructor(
    readonly src: string,
    private readonly lenient: boolean,
  ) {}

  fail(line: number, what: string): void {
    if (!this.lenient) throw new ShellSyntaxError(line, what);
  }

  run(): ShellCommand[] {
    while (this.i < this.src.length) {
      const ch = this.src[this.i];
      if (ch === '\\' && this.src[this.i + 1] === '\n') {
        this.i += 2;
        this.line++;
        continue;
      }
      this.checkSyntax(ch);
      if (ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
        this.endCommand();
        if (ch === '\n') this.line++;
        this.i++;
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\r') {
        this.endWord();
        this.i++;
        continue;
      }
      if (ch === '#' && !this.inWord) {
        while (this.i < this.src.length && this.src[this.i] !== '\n') this.i++;
        continue;
      }
      this.startWord();
      if (ch === '\\') {
        if (this.i + 1 < this.src.length) this.push(this.src[this.i + 1]);
        this.i += 2;
      } else if (ch === "'") {
        const close = this.src.indexOf("'", this.i + 1);
        if (close < 0) this.fail(this.line, "a ' quote never closes");
        const end = close < 0 ? this.src.length : close;
        const s = this.src.slice(this.i + 1, end);
        this.line += s.split('\n').length - 1;
        this.push(s);
        this.i = end + 1;
      } else if (ch === '"') {
        this.doubleQuoted();
      } else if (ch === '$') {
        this.dollar(false);
      } else if (ch === '`') {
        const close = this.src.indexOf('`', this.i + 1);
        if (close < 0) this.fail(this.line, 'a ` command substitution never closes');
        const end = close < 0 ? this.src.length : close;
        const s = this.src.slice(this.i, end + 1);
        this.line += s.split('\n').length - 1;
        this.push(s);
        this.unresolved = true;
        this.i = end + 1;
      } else {
        this.push(ch);
        this.i++;
      }
    }
    this.endCommand();
    return this.commands;
  }

  /** What sh refuses before running anything: a stray parenthesis, a redirection without a target. */
  private checkSyntax(ch: string): void {
    if (ch === '(') {
      // After a word, '(' only opens a function definition `name()`; anywhere else sh refuses it.
      if ((this.inWord || this.cmd.length) && !/^\(\s*\)/.test(this.src.slice(this.i)))
        this.fail(this.line, 'a "(" after a word');
      if (!this.inWord && !this.cmd.length) this.subshells++;
    } else if (ch === ')') {
      const funcdef =
        this.src[this.i - 1] === '(' || /\(\s*$/.test(this.src.slice(Math.max(0, this.i - 8), this.i));
      if (!funcdef && this.subshells === 0 && this.cases === 0) this.fail(this.line, 'a ")" without its "("');
      if (!funcdef && this.subshells > 0) this.subshells--;
    } else if ((ch === '<' || ch === '>') && !/^[<>&|]*[ \t]*[^\s;&|()<>]/.test(this.src.slice(this.i + 1))) {
      // A redirection needs its target word on the same command.
      this.fail(this.line, `a "${ch}" redirection without a target`);
    }
  }

  /** A "…" word part: backslash escapes only before " \\ $ ` and newline; $ and ` still expand. */
  private doubleQuoted(): void {
    const opened = this.line;
    this.i++;
    while (this.i < this.src.length && this.src[this.i] !== '"') {
      if (
        this.src[this.i] === '\\' &&
        this.i + 1 < this.src.length &&
        '"\\$`\n'.includes(this.src[this.i + 1])
      ) {
        if (this.src[this.i + 1] === '\n') this.line++;
        else this.push(this.src[this.i + 1]);
        this.i += 2;
      } else if (this.src[this.i] === '$') {
        this.dollar(true);
      } else if (this.src[this.i] === '`') {
        const close = this.src.indexOf('`', this.i + 1);
        if (close < 0) this.fail(this.line, 'a ` command substitution never closes');
        const end = close < 0 ? this.src.length : close;
        this.push(this.src.slice(this.i, end + 1));
        this.unresolved = true;
        this.i = end + 1;
      } else {
        if (this.src[this.i] === '\n') this.line++;
        this.push(this.src[this.i]);
        this.i++;
      }
    }
    if (this.i >= this.src.length) this.fail(opened, 'a " quote never closes');
    this.i++;
  }

  private push(s: string, fromExpansion = false): void {
    for (const ch of s) {
      this.chars.push(ch);
      this.split.push(fromExpansion);
    }
    this.inWord = true;
  }

  private endWord(): void {
    if (!this.inWord) return;
    // Field splitting applies only to whitespace that an unquoted expansion produced.
    let cur = '';
    let any = false;
    const words: string[] = [];
    for (let k = 0; k < this.chars.length; k++) {
      if (this.split[k] && /\s/.test(this.chars[k])) {
        if (any) words.push(cur);
        cur = '';
        any = false;
      } else {
        cur += this.chars[k];
        any = true;
      }
    }
    if (any || (!words.length && !this.split.some(Boolean))) words.push(cur);
    for (const w of words) this.cmd.push({ text: w, line: this.wordLine, unresolved: this.unresolved });
    // A case statement's patterns end in ')': count `case` … `esac` so they are not taken as errors.
    if (
      !this.split.some(Boolean) &&
      (this.chars.join('') === 'case' || this.chars.join('') === 'esac') &&
      this.cmd.length === 1
    )
      this.cases += this.chars.join('') === 'case' ? 1 : -1;
    this.chars = [];
    this.split = [];
    this.inWord = false;
    this.unresolved = false;
  }

  private endCommand(): void {
    this.endWord();
    if (!this.cmd.length) return;
    // A command of only NAME=value words (optionally after export/readonly/local) sets variables.
    const words = ['export', 'readonly', 'local', 'declare'].includes(this.cmd[0].text)
      ? this.cmd.slice(1)
      : this.cmd;
    if (words.length && words.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text))) {
      for (const w of words) {
        const eq = w.text.indexOf('=');
        if (w.unresolved) this.vars.delete(w.text.slice(0, eq));
        else this.vars.set(w.text.slice(0, eq), w.text.slice(eq + 1));
      }
    } else {
      this.commands.push(this.cmd);
    }
    this.cmd = [];
  }

  private startWord(): void {
    if (!this.inWord) {
      this.inWord = true;
      this.wordLine = this.line;
    }
  }

  /** Reads $… at src[i] (i at '$'), appends the expansion and moves i past it. */
  private dollar(quoted: boolean): void {
    const rest = this.src.slice(this.i + 1);
    if (rest.startsWith('(')) {
      // $(…) or $((…)): skip to the balancing parenthesis.
      let depth = 0;
      let k = this.i + 1;
      const opened = this.line;
      for (; k < this.src.length; k++) {
        if (this.src[k] === '(') depth++;
        else if (this.src[k] === ')' && --depth === 0) break;
        else if (this.src[k] === '\n') this.line++;
      }
      if (k >= this.src.length) this.fail(opened, 'a $( command substitution never closes');
      this.push(this.src.slice(this.i, k + 1));
      this.unresolved = true;
      this.i = k + 1;
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
      this.push('$');
      if (rest.startsWith('{')) this.unresolved = true;
      this.i++;
      return;
    }
    const value = this.vars.get(name);
    if (value === undefined) {
      this.push(this.src.slice(this.i, this.i + 1 + len));
      this.unresolved = true;
    } else {
      this.push(value, !quoted);
    }
    this.i += 1 + len;
  }
}
