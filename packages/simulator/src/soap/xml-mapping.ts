import type { z } from 'zod';

/**
 * Maps between XML trees (as fast-xml-parser reads and writes them, namespace prefixes removed)
 * and the JSON shapes of the contract, driven by core's zod schemas: the schema says which
 * elements repeat (lists without a wrapper), which are numbers, and which are
 * `attributes/entry*\/{key,value}` maps. Unknown elements are dropped, as a CXF service drops a
 * child it does not know.
 */

/** A node of a parsed XML tree: text, an element with children, or repeated elements. */
export type XmlNode = string | number | boolean | XmlElement | XmlNode[] | undefined;
/** An element: children by local name; `#text` for text; `@_name` for attributes. */
export interface XmlElement {
  [name: string]: XmlNode;
}

type AnySchema = z.ZodType;

/** The zod definition fields the mapping reads. */
interface Def {
  readonly type: string;
  readonly innerType?: AnySchema;
  readonly shape?: Record<string, AnySchema>;
  readonly element?: AnySchema;
}

const defOf = (schema: AnySchema): Def => (schema as unknown as { def: Def }).def;

/** Strips optional/default/nullable wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let def = defOf(current); def.innerType !== undefined; def = defOf(current)) {
    current = def.innerType;
  }
  return current;
}

function asList(node: XmlNode): XmlNode[] {
  if (node === undefined) return [];
  return Array.isArray(node) ? node : [node];
}

function isNil(node: XmlNode): boolean {
  return typeof node === 'object' && !Array.isArray(node) && node['@_nil'] === 'true';
}

function textOf(node: XmlNode): string | undefined {
  if (node === undefined || Array.isArray(node)) return undefined;
  if (typeof node === 'object') {
    const text = node['#text'];
    return typeof text === 'string' ? text : isNil(node) ? undefined : '';
  }
  return String(node);
}

/** Reads an XML element into the JSON shape `schema` describes (not yet validated). */
export function fromXml(schema: AnySchema, node: XmlNode): unknown {
  if (node === undefined || isNil(node)) return undefined;
  const target = unwrap(schema);
  const def = defOf(target);
  switch (def.type) {
    case 'object': {
      if (typeof node !== 'object' || Array.isArray(node)) return undefined;
      const result: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(def.shape ?? {})) {
        const value = fromXml(child, node[key]);
        if (value !== undefined) result[key] = value;
      }
      return result;
    }
    case 'array': {
      const item = def.element;
      return item && asList(node).map((child) => fromXml(item, child));
    }
    case 'record': {
      const entries = typeof node === 'object' && !Array.isArray(node) ? asList(node.entry) : [];
      return Object.fromEntries(
        entries.map((entry) => {
          const e = typeof entry === 'object' && !Array.isArray(entry) ? entry : {};
          return [textOf(e.key) ?? '', textOf(e.value) ?? ''];
        }),
      );
    }
    case 'number': {
      const text = textOf(node);
      return text === undefined || text.trim() === '' ? text : Number(text);
    }
    case 'boolean':
      return textOf(node) === 'true';
    default:
      return textOf(node);
  }
}

/** Writes a JSON value as the XML tree `schema` describes, children in the schema's order. */
export function toXml(schema: AnySchema, value: unknown): XmlNode {
  if (value === undefined || value === null) return undefined;
  const target = unwrap(schema);
  const def = defOf(target);
  switch (def.type) {
    case 'object': {
      const source = value as Record<string, unknown>;
      const element: XmlElement = {};
      for (const [key, child] of Object.entries(def.shape ?? {})) {
        const node = toXml(child, source[key]);
        if (node !== undefined) element[key] = node;
      }
      return element;
    }
    case 'array': {
      const item = def.element;
      return item && (value as unknown[]).map((child) => toXml(item, child));
    }
    case 'record':
      return {
        entry: Object.entries(value as Record<string, string>).map(([key, v]) => ({
          key,
          value: v,
        })),
      };
    default:
      return scalarText(value);
  }
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value.toString();
  return JSON.stringify(value);
}
