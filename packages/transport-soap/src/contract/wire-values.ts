import type { z } from 'zod';
import { schemaNode, type SchemaNode } from './schema-shape.js';

/**
 * Converts contract values to and from what XML carries, driven by core's zod schemas: string
 * maps travel as `attributes/entry*\/{key,value}`; what comes back has numbers and booleans as
 * text or typed by the WSDL, one-element lists as a single object, empty or nil elements as
 * `null` or `''`, dates as `Date`. The result is not validated: the caller validates it against
 * the same schema.
 */

interface Entry {
  readonly key: string;
  readonly value: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function unionOption(node: Extract<SchemaNode, { kind: 'union' }>, value: unknown) {
  const tag =
    node.discriminator !== undefined && isRecord(value) ? value[node.discriminator] : undefined;
  return node.options.find((option) => option.tags.includes(tag))?.node;
}

function encode(node: SchemaNode, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (node.kind) {
    case 'object': {
      if (!isRecord(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(node.fields)) {
        const encoded = encode(field.node, value[key]);
        if (encoded !== undefined) out[key] = encoded;
      }
      return out;
    }
    case 'list':
      return asList(value).map((item) => encode(node.element, item));
    case 'map':
      return isRecord(value)
        ? { entry: Object.entries(value).map(([key, v]): Entry => ({ key, value: String(v) })) }
        : value;
    case 'union': {
      const option = unionOption(node, value);
      return option ? encode(option, value) : value;
    }
    default:
      return value;
  }
}

/** A contract value as node soap should serialise it: string maps become `entry` lists. */
export function toWire(schema: z.ZodType, value: unknown): unknown {
  return encode(schemaNode(schema), value);
}

function text(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

function decode(node: SchemaNode, value: unknown): unknown {
  // An empty element is what CXF writes for an empty string and node soap reads as null.
  if (value === undefined || value === null || value === '') return undefined;
  switch (node.kind) {
    case 'object': {
      if (!isRecord(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(node.fields)) {
        const decoded = decode(field.node, value[key]);
        if (decoded !== undefined) out[key] = decoded;
      }
      return out;
    }
    case 'list':
      return asList(value)
        .map((item) => decode(node.element, item))
        .filter((item) => item !== undefined);
    case 'map':
      return Object.fromEntries(
        asList(isRecord(value) ? value.entry : undefined).flatMap((entry) => {
          if (!isRecord(entry) || entry.key === undefined || entry.key === null) return [];
          return [[String(text(entry.key)), String(text(entry.value ?? ''))]];
        }),
      );
    case 'union': {
      const option = unionOption(node, value);
      return option ? decode(option, value) : value;
    }
    case 'number': {
      if (typeof value !== 'string') return value;
      const trimmed = value.trim();
      return trimmed === '' || !Number.isFinite(Number(trimmed)) ? value : Number(trimmed);
    }
    case 'boolean':
      return value === 'true' || value === '1'
        ? true
        : value === 'false' || value === '0'
          ? false
          : value;
    case 'text':
      return text(value);
  }
}

/**
 * Reads a value that came out of XML (node soap's parse, or fast-xml-parser's) into the shape
 * `schema` describes: lists from single objects, numbers from text, string maps from `entry`
 * lists, dates as ISO text; absent, nil and empty elements are dropped. Unknown fields are dropped.
 */
export function fromWire(schema: z.ZodType, value: unknown): unknown {
  return decode(schemaNode(schema), value);
}
