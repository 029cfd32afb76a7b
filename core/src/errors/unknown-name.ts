import { closest, distance } from 'fastest-levenshtein';

/**
 * What to say of a name that is not known where it is used: "did you mean" the known one it
 * starts (`bodyLimit` for `bodyLimitBytes`), or the nearest when it is near enough (a typo);
 * else the names known there.
 */
export function unknownName(name: string, what: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  const started = known.find((candidate) => candidate.toLowerCase().startsWith(lower));
  const suggestion = started ?? (known.length > 0 ? closest(name, [...known]) : undefined);
  const near =
    suggestion !== undefined &&
    (started !== undefined || distance(name, suggestion) <= Math.max(2, name.length / 3));
  return near
    ? `${what} "${name}" is not known here; did you mean "${suggestion}"?`
    : `${what} "${name}" is not known here; known: ${known.join(', ')}`;
}
