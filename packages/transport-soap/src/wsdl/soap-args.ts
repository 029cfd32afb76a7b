import type { DescribedType } from './wsdl-operations.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Java `Map` on the wire: `entry*` elements of `key` and `value`. */
function isEntryMap(type: DescribedType): boolean {
  const entry = type['entry[]'] ?? type.entry;
  return typeof entry === 'object' && 'key' in entry && 'value' in entry;
}

function shape(value: unknown, type: DescribedType | string | undefined): unknown {
  if (typeof type !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => shape(item, type));
  if (!isRecord(value)) return value;
  if (isEntryMap(type) && !('entry' in value)) {
    return { entry: Object.entries(value).map(([key, v]) => ({ key, value: v })) };
  }
  return soapArgs(value, type);
}

/**
 * A request in the release's shape, as node soap should write it: children in the order the
 * WSDL's sequence declares (node soap writes keys in object order, and a strict service
 * rejects an out-of-order sequence), and string maps as `entry*\/{key,value}`, the way a
 * Java-first service publishes a `Map`.
 */
export function soapArgs(
  fields: Record<string, unknown>,
  type: DescribedType,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [described, child] of Object.entries(type)) {
    const key = described.replace(/\[\]$/, '');
    if (key in fields) out[key] = shape(fields[key], child);
  }
  for (const [key, value] of Object.entries(fields)) if (!(key in out)) out[key] = value;
  return out;
}
