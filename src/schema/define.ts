/**
 * How a `--json` document is declared: one valibot schema per document, with the commands that
 * print it. The TypeScript types of the printed objects are inferred from the same schema
 * (`v.InferOutput`), the published JSON Schema (docs/schema/) and the field reference
 * (docs/json.md) are generated from it by scripts/json-doc.ts, and the tests validate every
 * printed document against it. Nothing here runs at start-up: commands import these modules for
 * their types only (erased by the compiler), so the CLI bundle carries no validator.
 */
import * as v from 'valibot';

/** A document: `vfiokit.NAME/VERSION` in its `schema` field. */
export interface OutputDefinition<S extends v.GenericSchema = v.GenericSchema> {
  /** The value of the document's `schema` field, e.g. "vfiokit.groups/3". */
  readonly id: string;
  /** One line: what the document is. */
  readonly title: string;
  /** The commands (or files) that produce it, as a user types them. */
  readonly producedBy: readonly string[];
  /** What changed from the previous version, when there is one. */
  readonly changes?: string;
  readonly schema: S;
}

export function defineOutput<S extends v.GenericSchema>(d: OutputDefinition<S>): OutputDefinition<S> {
  if (!/^vfiokit\.[a-z][a-z.-]*\/\d+$/.test(d.id)) throw new Error(`bad schema id ${d.id}`);
  return d;
}

/** A field with its meaning: the description goes into docs/json.md and the JSON Schema. */
export function field<S extends v.GenericSchema>(schema: S, meaning: string) {
  return v.pipe(schema, v.description(meaning));
}

/** The `schema` field of a document. */
export function schemaId<const T extends string>(id: T) {
  return field(v.literal(id), `always "${id}"`);
}
