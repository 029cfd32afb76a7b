/**
 * A JSON column's text. `undefined` is stored as SQL NULL and read back as `undefined`, so a
 * payload round-trips exactly; anything `JSON.stringify` refuses (a BigInt, a cycle) throws here,
 * before a statement runs.
 */
export function toJsonColumn(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Reads a column written by {@link toJsonColumn}. */
export function fromJsonColumn(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}
