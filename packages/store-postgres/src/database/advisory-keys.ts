import { createHash } from 'node:crypto';

/**
 * The 64-bit key of a PostgreSQL advisory lock naming `parts` (a schema and a lane, say): the
 * first 8 bytes of their SHA-256, as a decimal string. Two names sharing a key (a 2^-64 chance)
 * only wait for each other, which costs time and never correctness.
 */
export function advisoryKey(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest().readBigInt64BE(0).toString();
}

/** `keys` without repeats, in ascending order: every transaction locks in this order, so none deadlock. */
export function lockOrder(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort((a, b) => {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
