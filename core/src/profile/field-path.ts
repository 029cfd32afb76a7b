/**
 * Reading and writing values at dotted paths (`contact.phone`, `events[].sequence`) in the loosely
 * typed trees that XML and JSON readers produce. Reading is forgiving in the ways the wire is:
 * a list of one element may arrive as the element itself (XML, Jettison), and absent, `null`,
 * empty and `xsi:nil` values all read as missing.
 */

/** One step of a path: a key, and whether it steps into every element of a list. */
export interface PathStep {
  readonly key: string;
  readonly list: boolean;
}

/** Splits a dotted path into its steps. */
export function pathSteps(path: string): readonly PathStep[] {
  return path
    .split('.')
    .map((step) => ({ key: step.replace(/\[\]$/, ''), list: step.endsWith('[]') }));
}

/** How many lists a path crosses. */
export function listDepth(path: string): number {
  return pathSteps(path).filter((s) => s.list).length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Key node soap keeps XML attributes under (set by the SOAP transport). */
const ATTRIBUTES_KEY = '$attributes';

/** Whether a wire value counts as missing: absent, null, empty text, or an `xsi:nil` element. */
export function isMissing(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === ATTRIBUTES_KEY);
}

/** A value as a list: a lone element becomes a list of one, a missing one an empty list. */
export function asList(value: unknown): unknown[] {
  if (isMissing(value)) return [];
  return Array.isArray(value) ? value : [value];
}

/** XML readers keep an element's text apart from its attributes (`<n a="1">v</n>`). */
const TEXT_KEY = '#text';

function readSteps(node: unknown, steps: readonly PathStep[]): unknown {
  const [step, ...rest] = steps;
  if (step === undefined) {
    if (isMissing(node)) return undefined;
    return isRecord(node) && TEXT_KEY in node ? node[TEXT_KEY] : node;
  }
  if (!isRecord(node)) return undefined;
  const value = node[step.key];
  if (!step.list) return readSteps(value, rest);
  return asList(value).map((item) => readSteps(item, rest));
}

/**
 * The value at `path`: one value per list element crossed (a list for each `[]`), `undefined`
 * where it is missing.
 */
export function readPath(tree: unknown, path: string): unknown {
  return readSteps(tree, pathSteps(path));
}

function writeSteps(node: Record<string, unknown>, steps: readonly PathStep[], value: unknown) {
  const [step, ...rest] = steps;
  if (step === undefined || value === undefined) return;
  if (rest.length === 0) {
    node[step.key] = value;
    return;
  }
  if (step.list) {
    if (!Array.isArray(value)) return;
    const existing = node[step.key];
    const items: unknown[] = Array.isArray(existing) ? existing : [];
    value.forEach((element, i) => {
      const item = isRecord(items[i]) ? items[i] : {};
      writeSteps(item, rest, element);
      if (Object.keys(item).length > 0) items[i] = item;
    });
    if (items.length > 0) node[step.key] = items;
    return;
  }
  const child = isRecord(node[step.key]) ? (node[step.key] as Record<string, unknown>) : {};
  writeSteps(child, rest, value);
  if (Object.keys(child).length > 0) node[step.key] = child;
}

/**
 * Writes `value` at `path` in `tree`, creating objects on the way; at a `[]` step `value` must be
 * a list, written element by element. `undefined` values (and list elements) are not written.
 */
export function writePath(tree: Record<string, unknown>, path: string, value: unknown): void {
  writeSteps(tree, pathSteps(path), value);
}
