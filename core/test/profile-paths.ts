import fc from 'fast-check';
import { pathSteps } from '@tvox-connector/core';

/**
 * Field paths for property tests of contract profiles: sets of paths that can all be written into
 * one tree (no path runs through another's leaf, no key is a list in one path and an object in
 * another), so that a mapping made of them is a rename and can be inverted.
 */

const KEYS = ['a', 'b', 'c', 'return', 'entry', 'Event'] as const;

const steps = (min: number, max: number) =>
  fc.array(fc.constantFrom(...KEYS), { minLength: min, maxLength: max });

/** A path of 1 to 3 steps; with `lists` 1, one of them but the last steps into a list. */
export function fieldPath(lists: 0 | 1): fc.Arbitrary<string> {
  if (lists === 0) return steps(1, 3).map((keys) => keys.join('.'));
  return fc
    .tuple(steps(1, 2), steps(1, 2))
    .map(([outer, inner]) => `${outer.join('.')}[].${inner.join('.')}`);
}

/** Whether two paths can be written into one tree together. */
function compatible(one: string, other: string): boolean {
  const a = pathSteps(one);
  const b = pathSteps(other);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x?.key !== y?.key) return true;
    if (x?.list !== y?.list) return false;
  }
  return false;
}

/** Whether every pair of `paths` is {@link compatible}. */
export function writableTogether(paths: readonly string[]): boolean {
  return paths.every((p, i) => paths.slice(i + 1).every((q) => compatible(p, q)));
}

/** `count` paths (`lists[i]` lists each) that can be written into one tree together. */
export function pathSet(lists: readonly (0 | 1)[]): fc.Arbitrary<string[]> {
  return fc.tuple(...lists.map((l) => fieldPath(l))).filter(writableTogether);
}
