/**
 * Writes docs/json.md and docs/schema/*.json from the schema definitions in src/schema/outputs/,
 * so the documented JSON contract cannot drift from the code that prints it (the types the
 * commands use are inferred from the same definitions). test/unit/json-doc.test.ts fails when the
 * committed files differ from what this generates: run `npx tsx scripts/json-doc.ts --write`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toJsonSchema } from '@valibot/to-json-schema';
import type { OutputDefinition } from '../src/schema/define.js';

const top = fileURLToPath(new URL('..', import.meta.url));
export const OUTPUTS_DIR = path.join(top, 'src/schema/outputs');
export const SCHEMA_DIR = 'docs/schema';

/** Every definition: one module per document in src/schema/outputs/, its default export. */
export async function loadOutputs(): Promise<OutputDefinition[]> {
  const files = fs
    .readdirSync(OUTPUTS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const defs: OutputDefinition[] = [];
  for (const f of files) {
    const m = (await import(pathToFileURL(path.join(OUTPUTS_DIR, f)).href)) as { default?: OutputDefinition };
    if (!m.default?.schema)
      throw new Error(`src/schema/outputs/${f} has no default export from defineOutput()`);
    defs.push(m.default);
  }
  const ids = defs.map((d) => d.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`two definitions of ${dup}`);
  return defs.sort((a, b) => ORDER(a) - ORDER(b) || a.id.localeCompare(b.id));
}

/** The order of the reference: the commands a user meets first come first. */
const FIRST = ['report', 'devices', 'device', 'snapshot', 'groups', 'explain', 'doctor', 'diagnose'];
function ORDER(d: OutputDefinition): number {
  const i = FIRST.indexOf(nameOf(d.id));
  return i < 0 ? FIRST.length : i;
}

/** "vfiokit.rom.parse/3" → "rom.parse": the stable part, used for anchors and file names. */
export const nameOf = (id: string) => id.slice('vfiokit.'.length, id.indexOf('/'));

/** The JSON Schema file of one definition. */
export function jsonSchemaOf(d: OutputDefinition): Record<string, unknown> {
  const s = toJsonSchema(d.schema, { target: 'draft-2020-12', errorMode: 'throw' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = s;
  return {
    $schema,
    $id: `https://github.com/vfiokit/vfiokit/blob/main/docs/schema/${nameOf(d.id)}.json`,
    title: d.id,
    description: d.title,
    ...rest,
  };
}

type Json = Record<string, unknown>;

/** A command in code type; a file named in words stays words. */
const cmd = (p: string) => (p.startsWith('vfiokit') ? `\`${p}\`` : p);

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(s: Json): string {
  if ('const' in s) return `\`${JSON.stringify(s.const)}\``;
  if (Array.isArray(s.enum)) return s.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  const alts = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alts) {
    const nonNull = alts.filter((a) => a.type !== 'null');
    const t = nonNull.every((a) => a.type === 'object') ? 'object' : nonNull.map(typeOf).join(' \\| ');
    return nonNull.length < alts.length ? `${t} \\| null` : t;
  }
  if (s.type === 'array') return `array of ${typeOf((s.items as Json) ?? {})}`;
  if (s.type === 'object') return s.properties ? 'object' : 'object (string keys)';
  if (s.type === 'integer') return 'integer';
  return typeof s.type === 'string' ? s.type : 'any';
}

/** The object schemas a value can be (through arrays, nullable and variants). */
function objectsIn(s: Json): { schema: Json; suffix: string; when?: string }[] {
  if (s.type === 'array' && s.items)
    return objectsIn(s.items as Json).map((o) => ({ ...o, suffix: `[]${o.suffix}` }));
  const alts = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alts) {
    const objs = alts.filter((a) => a.type === 'object' || a.type === 'array' || a.anyOf || a.oneOf);
    return objs.flatMap((a) => {
      const kind = (a.properties as Json | undefined)?.kind as Json | undefined;
      const when =
        objs.length > 1 && kind && 'const' in kind ? `kind ${JSON.stringify(kind.const)}` : undefined;
      return objectsIn(a).map((o) => ({ ...o, when: o.when ?? when }));
    });
  }
  if (s.type === 'object' && s.properties) return [{ schema: s, suffix: '' }];
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object')
    return objectsIn(s.additionalProperties as Json).map((o) => ({ ...o, suffix: `.KEY${o.suffix}` }));
  return [];
}

function rows(s: Json, prefix: string, out: Map<string, string>, when?: string): void {
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  for (const [k, p] of Object.entries(props)) {
    const name = prefix ? `${prefix}.${k}` : k;
    const optional = required.has(k) ? '' : ' (optional)';
    const meaning = [when ? `(${when})` : '', typeof p.description === 'string' ? p.description : '']
      .filter(Boolean)
      .join(' ');
    if (!out.has(name)) out.set(name, `| \`${name}\` | ${typeOf(p)}${optional} | ${cell(meaning)} |`);
    for (const o of objectsIn(p)) rows(o.schema, `${name}${o.suffix}`, out, o.when ?? when);
  }
}

function fieldTable(d: OutputDefinition): string[] {
  const s = toJsonSchema(d.schema, { errorMode: 'throw' }) as Json;
  const out = new Map<string, string>();
  for (const o of objectsIn(s)) rows(o.schema, '', out, o.when);
  return ['| field | type | meaning |', '|---|---|---|', ...out.values()];
}

const INTRO = `# JSON output

<!-- Generated by scripts/json-doc.ts from src/schema/outputs/; do not edit. -->

Every command takes \`--json\` and then prints one JSON document on standard output. Each document
names its schema in a \`schema\` field, \`vfiokit.NAME/VERSION\`. Within a version, fields are only
ever added, never renamed, removed or given another meaning. A change that would break a reader
gets a new version. Optional fields are left out rather than set to \`null\`, unless a schema says
otherwise.

Errors do not change with \`--json\`: they are one line on standard error
(\`vfiokit: MESSAGE (hint: HINT)\`). The exit status still tells the outcome: 0 ok, 1 problem found,
2 usage, 3 environment.

\`--root SNAPSHOT\` (a directory or a \`.tar.gz\`) changes only where the facts come from. Documents
that name their root (\`root\`, \`source\`) give its absolute path (\`/\` for the live host), the
archive's own path for a \`.tar.gz\`, never the temporary directory it was unpacked into.

Verdicts are tri-state wherever the input they rest on can be missing, unreadable, inconsistent
or implausible: the answer is then \`unknown\` (or \`null\` in a boolean field) with the reasons
beside it, never a guess.

## One form for IDs

PCI IDs are lowercase hexadecimal without \`0x\`, zero-padded to their register width, in every
document: vendor and device IDs 4 digits (\`"10de"\`), the class code all 24 bits — base class,
subclass, programming interface — 6 digits (\`"030000"\`, \`"060400"\`), a pair \`"10de:1b80"\`. It is
how \`lspci -n\` prints IDs and what sysfs holds once its \`0x\` is cut, so output can be compared
with both by string. The full class code rather than \`lspci\`'s 4-digit \`0300\`: the programming
interface tells an xHCI from an EHCI controller (\`0c0330\`, \`0c0320\`) and NVMe from other storage
(\`010802\`). Register values are not IDs: \`explain\` gives the ACS capability and control registers
as \`"0x001f"\`, and \`device\` gives them as numbers beside their decoded bits. PCI addresses are
sysfs names, \`DOMAIN:BUS:DEVICE.FUNCTION\` in lowercase hex (\`"0000:01:00.0"\`).

## Where the schemas come from

Each document is defined once, as a [valibot](https://valibot.dev) schema in
\`src/schema/outputs/NAME.ts\`. The TypeScript types of the objects the commands print are inferred
from those definitions (\`v.InferOutput\`), so the code cannot print what the schema does not
describe without failing to compile; the tests run every command's \`--json\` output (fixture
snapshots, the setup hosts, the ROM corpus, \`diagnose\` samples, fleets, and the lab's real kernel)
through the same definitions, strictly: a field the schema does not name is an error. This page
and the JSON Schema files in [schema/](schema/) (draft 2020-12, from
[@valibot/to-json-schema](https://github.com/fabian-hiller/valibot/tree/main/packages/to-json-schema))
are generated from them by \`npx tsx scripts/json-doc.ts --write\`; a test fails when the committed
files differ.

Why valibot rather than TypeBox: valibot is a validator first, with the types inferred from it; its
functions are separate modules, so what is not used is not bundled (a few kB where TypeBox's
builder and compiler come whole), and the CLI imports the definitions for their types only, so
its start-up does not load a validator at all. TypeBox builds JSON Schema objects directly, which
would make publishing trivial, but its validator is a separate compiler with its own runtime cost;
valibot's JSON Schema converter closes that gap for every construct used here.

### Adding a schema

One file: \`src/schema/outputs/NAME.ts\`, whose default export is \`defineOutput({ id, title,
producedBy, schema })\` (see any file there; shared pieces — addresses, IDs, checks, plan steps —
are in \`src/schema/*.ts\`). Give every field a meaning with \`field(schema, 'meaning')\`. Type the
printed object with the inferred type (\`export type NameJson = v.InferOutput<typeof nameJson>\`)
and print it with \`ctx.printJson\`. Then \`npx tsx scripts/json-doc.ts --write\`. The tests find
the new file by itself; a command test that runs it with \`--json\` validates its output. To change
a field, bump the version in \`id\` and in the \`schema\` literal, and say what changed in
\`changes\`.
`;

const OUTRO = `
## Not a user interface

The lab writes \`results.json\` as \`vfiokit.lab-results/1\` ([lab.md](lab.md)); it is the test
suite's own format.
`;

export async function jsonDoc(): Promise<{ markdown: string; schemas: Map<string, string> }> {
  const defs = await loadOutputs();
  const lines = [
    INTRO,
    '## Documents',
    '',
    '| printed by | schema | JSON Schema |',
    '|---|---|---|',
    ...defs.map(
      (d) =>
        `| ${d.producedBy.map(cmd).join(', ')} | [\`${d.id}\`](#${nameOf(d.id)}) | [${nameOf(d.id)}.json](schema/${nameOf(d.id)}.json) |`,
    ),
    '',
  ];
  for (const d of defs) {
    lines.push(`<a id="${nameOf(d.id)}"></a>`, '', `## \`${d.id}\`: ${d.title}`, '');
    lines.push(`Printed by ${d.producedBy.map(cmd).join(', ')}.`, '');
    if (d.changes) lines.push(`Changes: ${d.changes}`, '');
    lines.push(...fieldTable(d), '');
  }
  lines.push(OUTRO);
  const schemas = new Map<string, string>();
  for (const d of defs)
    schemas.set(`${SCHEMA_DIR}/${nameOf(d.id)}.json`, `${JSON.stringify(jsonSchemaOf(d), null, 2)}\n`);
  return {
    markdown: `${lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`,
    schemas,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { markdown, schemas } = await jsonDoc();
  if (process.argv.includes('--write')) {
    fs.writeFileSync(path.join(top, 'docs/json.md'), markdown);
    fs.mkdirSync(path.join(top, SCHEMA_DIR), { recursive: true });
    for (const [f, text] of schemas) fs.writeFileSync(path.join(top, f), text);
    console.log(`wrote docs/json.md and ${schemas.size} files in ${SCHEMA_DIR}/`);
  } else {
    process.stdout.write(markdown);
  }
}
