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

/**
 * The node's own value at `key`: never one it inherits (`constructor`, `toString`), so that no
 * name on the wire or in a profile reads or writes `Object.prototype`.
 */
export function ownValue<V>(node: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

/**
 * Key XML readers keep an element's text under when the element also has attributes (node soap's
 * choice; the SOAP push reader is set to the same).
 */
const TEXT_KEY = '$value';

/** Text that came with attributes (`<code xsi:type="xs:string">X</code>`) reads as the text. */
function elementText(value: unknown): unknown {
  if (!isRecord(value) || !Object.hasOwn(value, TEXT_KEY)) return value;
  const others = Object.keys(value).filter((k) => k !== TEXT_KEY && k !== ATTRIBUTES_KEY);
  return others.length === 0 ? value[TEXT_KEY] : value;
}

function readSteps(node: unknown, steps: readonly PathStep[]): unknown {
  const [step, ...rest] = steps;
  if (step === undefined) return isMissing(node) ? undefined : node;
  // A path that crosses a list reads as a list, empty where a parent is missing.
  if (!isRecord(node)) return steps.some((s) => s.list) ? [] : undefined;
  const value = elementText(ownValue(node, step.key));
  if (!step.list) return readSteps(value, rest);
  return asList(value).map((item) => readSteps(item, rest));
}

/**
 * The value at `path`: one value per list element crossed (a list for each `[]`, empty when the
 * list or a parent is missing), `undefined` where it is missing.
 */
export function readPath(tree: unknown, path: string): unknown {
  return readSteps(tree, pathSteps(path));
}

/** Sets an own property, even one named `__proto__`: never the object's prototype. */
function setOwn(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

function writeSteps(node: Record<string, unknown>, steps: readonly PathStep[], value: unknown) {
  const [step, ...rest] = steps;
  if (step === undefined || value === undefined) return;
  if (rest.length === 0) {
    setOwn(node, step.key, value);
    return;
  }
  const existing = ownValue(node, step.key);
  if (step.list) {
    if (!Array.isArray(value) || value.length === 0) return;
    const items: unknown[] = Array.isArray(existing) ? existing : [];
    // Element i of the value is element i of the list, even when it has nothing to write:
    // the list keeps its length, so fields written by other paths stay beside their siblings.
    value.forEach((element: unknown, i) => {
      const item = isRecord(items[i]) ? items[i] : {};
      writeSteps(item, rest, element);
      items[i] = item;
    });
    setOwn(node, step.key, items);
    return;
  }
  const child = isRecord(existing) ? existing : {};
  writeSteps(child, rest, value);
  if (Object.keys(child).length > 0) setOwn(node, step.key, child);
}

/**
 * Writes `value` at `path` in `tree`, creating objects on the way; at a `[]` step `value` must be
 * a list, written element by element (an element with nothing to write stays, empty, to keep the
 * list's order). `undefined` values are not written.
 */
export function writePath(tree: Record<string, unknown>, path: string, value: unknown): void {
  writeSteps(tree, pathSteps(path), value);
}
