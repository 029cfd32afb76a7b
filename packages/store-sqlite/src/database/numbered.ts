/**
 * Parameters `@p1`, `@p2`, … by name, for the store kit's statements and values (numbered, so a
 * statement may name one twice): better-sqlite3 binds a numbered `?NNN` only once.
 */
export type Numbered = Record<string, string | number | null>;

/** The marker of parameter `position` (1-based) in the store kit's statements. */
export function marker(position: number): string {
  return `@p${position}`;
}

/** `values` bound to the markers of their positions. */
export function numbered(values: readonly (string | number | null)[]): Numbered {
  return Object.fromEntries(values.map((value, i) => [`p${i + 1}`, value]));
}
