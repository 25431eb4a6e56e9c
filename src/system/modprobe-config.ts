/**
 * modprobe.d configuration (man 5 modprobe.d): "options MODULE PARAM=VALUE...", "softdep MODULE
 * pre: A B post: C", "blacklist MODULE", "install MODULE COMMAND", "alias". Lines ending in '\'
 * continue; '#' starts a comment. Module names treat '-' and '_' alike, as kmod does.
 */
import { normaliseParamName } from './kernel-cmdline.js';

export interface ModprobeOption {
  module: string;
  name: string;
  value?: string;
  file: string;
}

export interface ModprobeSoftdep {
  module: string;
  pre: string[];
  post: string[];
  file: string;
}

export interface ModprobeConfig {
  options: ModprobeOption[];
  softdeps: ModprobeSoftdep[];
  blacklist: { module: string; file: string }[];
  install: { module: string; command: string; file: string }[];
  files: string[];
}

export function emptyModprobeConfig(): ModprobeConfig {
  return { options: [], softdeps: [], blacklist: [], install: [], files: [] };
}

export function parseModprobeFile(text: string, file: string, into = emptyModprobeConfig()): ModprobeConfig {
  into.files.push(file);
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const rawLine of joined.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    const words = line.split(/\s+/);
    const cmd = words[0];
    const mod = words[1] ? normaliseParamName(words[1]) : '';
    if (!mod) continue;
    if (cmd === 'options') {
      for (const w of words.slice(2)) {
        const eq = w.indexOf('=');
        into.options.push({
          module: mod,
          name: eq < 0 ? w : w.slice(0, eq),
          value: eq < 0 ? undefined : w.slice(eq + 1).replace(/^"|"$/g, ''),
          file,
        });
      }
    } else if (cmd === 'softdep') {
      const dep: ModprobeSoftdep = { module: mod, pre: [], post: [], file };
      let list: string[] | undefined;
      for (const w of words.slice(2)) {
        if (w === 'pre:') list = dep.pre;
        else if (w === 'post:') list = dep.post;
        else list?.push(normaliseParamName(w));
      }
      into.softdeps.push(dep);
    } else if (cmd === 'blacklist') {
      into.blacklist.push({ module: mod, file });
    } else if (cmd === 'install') {
      into.install.push({ module: mod, command: words.slice(2).join(' '), file });
    }
  }
  return into;
}

export function moduleOptions(cfg: ModprobeConfig, module: string, name: string): ModprobeOption[] {
  const m = normaliseParamName(module);
  return cfg.options.filter((o) => o.module === m && o.name === name);
}
