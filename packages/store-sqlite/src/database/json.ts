/**
 * JSON columns. `undefined` is stored as SQL NULL and read back as `undefined`, so a payload
 * round-trips exactly; anything `JSON.stringify` refuses (a BigInt, a cycle) throws here, before
 * the statement runs.
 */
export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Reads a column written by {@link toJson}. */
export function fromJson(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}
