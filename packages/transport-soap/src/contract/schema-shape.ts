import type { z } from 'zod';

/**
 * Reads the shape of core's zod contract schemas: which fields are objects, lists, string maps,
 * numbers, unions. The SOAP transport is driven by these shapes (what to check in a WSDL, how to
 * turn node soap's loosely typed objects into contract values), so that core's schemas stay the
 * single source of truth.
 */

/** The zod definition fields this package reads. */
interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly values?: readonly unknown[];
}

/** What a schema is, once optional/default/nullable wrappers are stripped. */
export type SchemaNode =
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, SchemaField>> }
  | { readonly kind: 'list'; readonly element: SchemaNode }
  | { readonly kind: 'map' }
  | {
      readonly kind: 'union';
      readonly discriminator: string | undefined;
      readonly options: readonly { readonly tags: readonly unknown[]; readonly node: SchemaNode }[];
    }
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'text' };

/** A field of an object schema. */
export interface SchemaField {
  readonly required: boolean;
  readonly node: SchemaNode;
}

// zod 4 keeps a schema's definition on `def`; its public types do not expose the fields we read.
const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'readonly']);

function unwrap(schema: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let current = schema;
  let optional = false;
  for (let def = defOf(current); WRAPPERS.has(def.type) && def.innerType; def = defOf(current)) {
    if (def.type !== 'nullable') optional = true;
    current = def.innerType;
  }
  return { schema: current, optional };
}

const cache = new WeakMap<z.ZodType, SchemaNode>();

/** The shape of `schema` (cached: contract schemas are module constants). */
export function schemaNode(schema: z.ZodType): SchemaNode {
  const known = cache.get(schema);
  if (known) return known;
  const node = build(unwrap(schema).schema);
  cache.set(schema, node);
  return node;
}

function build(schema: z.ZodType): SchemaNode {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return {
        kind: 'object',
        fields: Object.fromEntries(
          Object.entries(def.shape ?? {}).map(([key, child]) => {
            const { schema: inner, optional } = unwrap(child);
            return [key, { required: !optional, node: schemaNode(inner) }];
          }),
        ),
      };
    case 'array':
      return { kind: 'list', element: def.element ? schemaNode(def.element) : { kind: 'text' } };
    case 'record':
      return { kind: 'map' };
    case 'union':
      return {
        kind: 'union',
        discriminator: def.discriminator,
        options: (def.options ?? []).map((option) => ({
          tags: discriminatorValues(option, def.discriminator),
          node: schemaNode(option),
        })),
      };
    case 'number':
    case 'bigint':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    default:
      return { kind: 'text' };
  }
}

function discriminatorValues(option: z.ZodType, discriminator: string | undefined): unknown[] {
  if (discriminator === undefined) return [];
  const literal = defOf(unwrap(option).schema).shape?.[discriminator];
  return literal ? [...(defOf(literal).values ?? [])] : [];
}

/** One field path of a schema, e.g. `events[].sequence`. */
export interface FieldPath {
  /** Dotted path; `[]` marks a list step, as in core's field renames. */
  readonly path: string;
  /** Whether its parent object requires it (any union option requiring it counts). */
  readonly required: boolean;
  /** 1 for a top-level field. */
  readonly depth: number;
  /** Whether the field itself is a list. */
  readonly list: boolean;
  /** Whether the field is a string map (`attributes`), whose entries are not fields. */
  readonly map: boolean;
}

/**
 * Every field path of an object schema, parents before their children, down to the leaves
 * (scalars, string maps, lists of scalars). A union contributes the fields of all its options.
 */
export function fieldPaths(schema: z.ZodType): FieldPath[] {
  const found = new Map<string, FieldPath>();
  const visit = (node: SchemaNode, prefix: string, depth: number): void => {
    if (node.kind === 'union') {
      for (const option of node.options) visit(option.node, prefix, depth);
      return;
    }
    if (node.kind !== 'object') return;
    for (const [key, field] of Object.entries(node.fields)) {
      const list = field.node.kind === 'list';
      const path = `${prefix}${key}${list ? '[]' : ''}`;
      const required = field.required || found.get(path)?.required === true;
      found.set(path, { path, required, depth, list, map: field.node.kind === 'map' });
      visit(field.node.kind === 'list' ? field.node.element : field.node, `${path}.`, depth + 1);
    }
  };
  visit(schemaNode(schema), '', 1);
  return [...found.values()];
}
