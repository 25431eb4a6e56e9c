#!/usr/bin/env -S npx tsx
// Long-function check (part of `npm run lint`): every function, method, arrow function and
// function expression in src/ and ui/src/ longer than 60 lines must say why, in a comment right
// above it, in one of two forms:
//
//   // long: one linear sequence of the kernel's binding steps; splitting hides the order
//   /** ... \n * Long: one table of checks, read top to bottom */
//
// A function is measured from its signature line to its closing brace. Each function is counted
// alone: the interior lines of a function nested inside it (a callback, a local helper) belong to
// the nested function, which is measured and reported on its own; its first and last lines stay
// with the outer function, since they usually hold the outer code that refers to it
// (`items.map((x) => {`, `});`).
//
//   tsx scripts/long-functions.ts            check src/ and ui/src/, exit 1 on a finding
//   tsx scripts/long-functions.ts --all      also list the long functions that give a reason
//   tsx scripts/long-functions.ts FILE...    check these files only
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const MAX_LINES = 60;

export interface LongFunction {
  file: string;
  /** 1-based line of the signature. */
  line: number;
  name: string;
  /** Own lines (nested functions' interiors excluded). */
  lines: number;
  /** The reason given above the function, or null when none is. */
  reason: string | null;
}

type FunctionNode =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ArrowFunction
  | ts.FunctionExpression
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

function isFunctionNode(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

function propertyName(name: ts.PropertyName | ts.BindingName, sf: ts.SourceFile): string {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText(sf);
}

/** A readable name: the declared name, else what the function is assigned to or passed to. */
function functionName(node: FunctionNode, sf: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return propertyName(node.name, sf);
  const parent = node.parent;
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent)
  ) {
    return propertyName(parent.name, sf);
  }
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression.getText(sf).replace(/\s+/g, ' ');
    return `<callback of ${callee.length > 40 ? `${callee.slice(0, 40)}…` : callee}()>`;
  }
  return '<anonymous>';
}

const LINE_REASON = /^\/\/\s*long:\s*(\S.*)$/i;
const JSDOC_REASON = /^\s*\*?\s*Long:\s*(\S.*)$/;

/** The reason in the comments right above `node`, if one is given in an agreed form. */
function reasonIn(text: string, node: ts.Node): string | null {
  for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
    const comment = text.slice(range.pos, range.end);
    if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia) {
      const m = LINE_REASON.exec(comment.trim());
      if (m) return m[1].trim();
    } else if (comment.startsWith('/**')) {
      for (const line of comment.slice(3, -2).split('\n')) {
        const m = JSDOC_REASON.exec(line);
        if (m) return m[1].trim();
      }
    }
  }
  return null;
}

/**
 * The comment that documents a function sits above the statement or member that holds it
 * (`export const f = () => {`, `foo: () => {` in an object, a class method), so the search walks
 * up from the function to the first statement, member or property that starts on another line
 * than its parent would give it.
 */
function reasonFor(node: FunctionNode, sf: ts.SourceFile): string | null {
  const text = sf.getFullText();
  let current: ts.Node = node;
  while (current && current !== sf) {
    const found = reasonIn(text, current);
    if (found) return found;
    if (
      ts.isStatement(current) ||
      ts.isClassElement(current) ||
      ts.isObjectLiteralElement(current) ||
      ts.isSourceFile(current.parent)
    ) {
      break;
    }
    current = current.parent;
  }
  return null;
}

function lineOf(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line;
}

/** Every function in `sourceText` longer than `max` own lines, with the reason it gives, if any. */
export function findLongFunctions(sourceText: string, file: string, max = MAX_LINES): LongFunction[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, sourceText, ts.ScriptTarget.Latest, true, kind);
  const found: LongFunction[] = [];

  // Returns the function's span (first, last line) so that the enclosing function can drop the
  // nested function's interior lines from its own count.
  function visit(node: ts.Node): Array<[number, number]> {
    const nested: Array<[number, number]> = [];
    const collect = (child: ts.Node) => {
      nested.push(...visit(child));
    };
    if (!isFunctionNode(node)) {
      ts.forEachChild(node, collect);
      return nested;
    }
    const first = lineOf(sf, node.getStart(sf));
    const last = lineOf(sf, node.getEnd());
    ts.forEachChild(node, collect);
    const interior = new Set<number>();
    for (const [a, b] of nested) for (let l = a + 1; l < b; l++) interior.add(l);
    const own = last - first + 1 - interior.size;
    if (own > max) {
      found.push({
        file,
        line: first + 1,
        name: functionName(node, sf),
        lines: own,
        reason: reasonFor(node, sf),
      });
    }
    return [[first, last]];
  }
  visit(sf);
  return found.sort((a, b) => a.line - b.line);
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function main(argv: string[]): number {
  const top = fileURLToPath(new URL('..', import.meta.url));
  const all = argv.includes('--all');
  const named = argv.filter((a) => !a.startsWith('--'));
  const files = named.length
    ? named
    : [...sourceFiles(join(top, 'src')), ...sourceFiles(join(top, 'ui/src'))];
  if (files.length === 0) {
    console.error('long-functions: no source files found under src/ or ui/src/');
    return 1;
  }
  let failures = 0;
  let reasoned = 0;
  for (const path of files) {
    const rel = relative(top, path);
    for (const f of findLongFunctions(readFileSync(path, 'utf8'), rel)) {
      if (f.reason === null) {
        failures++;
        console.error(`${f.file}:${f.line} ${f.name}: ${f.lines} lines, over ${MAX_LINES} with no reason`);
      } else {
        reasoned++;
        if (all) console.log(`${f.file}:${f.line} ${f.name}: ${f.lines} lines (long: ${f.reason})`);
      }
    }
  }
  const summary = `long-functions: ${files.length} files, ${reasoned} long function(s) with a reason, ${failures} without`;
  if (failures > 0) {
    console.error(`${summary}; split them, or write the reason above each as "// long: <why>"`);
    return 1;
  }
  console.log(summary);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(main(process.argv.slice(2)));
}
