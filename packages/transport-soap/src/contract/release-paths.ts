import { renameFields, type FieldRenames } from '@tvox-connector/core';

/** Marks which framework path an object of the skeleton stands for; moves with it on rename. */
const MARK = '#path';

type Skeleton = Record<string, unknown>;

function steps(path: string): { key: string; list: boolean }[] {
  return path
    .split('.')
    .map((step) => ({ key: step.replace(/\[\]$/, ''), list: step.endsWith('[]') }));
}

/** An object (list element) of the skeleton standing for `path`. */
function marked(path: string): Skeleton {
  return { [MARK]: path };
}

/**
 * A sample payload holding every path: objects and list elements carry their own path under
 * `#path`, leaves are their path as a string. Parents are created before their children.
 */
function skeleton(paths: readonly string[]): Skeleton {
  const parents = new Set<string>();
  for (const path of paths) {
    const parts = path.split('.');
    for (let i = 1; i < parts.length; i += 1) parents.add(parts.slice(0, i).join('.'));
  }
  const root: Skeleton = {};
  for (const path of [...paths].sort((a, b) => a.split('.').length - b.split('.').length)) {
    const parts = path.split('.');
    let node = root;
    for (const [i, { key, list }] of steps(path).entries()) {
      const here = parts.slice(0, i + 1).join('.');
      if (i === parts.length - 1 && !parents.has(here)) {
        node[key] = list ? [here] : here;
        break;
      }
      node[key] ??= list ? [marked(here)] : marked(here);
      const child = node[key];
      node = (Array.isArray(child) ? child[0] : child) as Skeleton;
    }
  }
  return root;
}

/** Reads where each marked path ended up after renaming. */
function collect(node: Skeleton, prefix: string, found: Map<string, string>): void {
  const own = node[MARK];
  if (typeof own === 'string' && prefix !== '') found.set(own, prefix.slice(0, -1));
  for (const [key, value] of Object.entries(node)) {
    if (key === MARK) continue;
    const item: unknown = Array.isArray(value) ? value[0] : value;
    const path = `${prefix}${key}${Array.isArray(value) ? '[]' : ''}`;
    if (typeof item === 'string') found.set(item, path);
    else if (typeof item === 'object' && item !== null)
      collect(item as Skeleton, `${path}.`, found);
  }
}

/**
 * Where each framework field path lives in a TVox release, under the map's renames: applies
 * core's `renameFields` to a sample payload holding every path, so the answer follows exactly the
 * renames the transport applies to real payloads. Paths the renames lose are absent.
 */
export function releasePaths(
  paths: readonly string[],
  renames: FieldRenames,
): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  collect(renameFields(skeleton(paths), renames, 'toRelease'), '', found);
  return found;
}

/**
 * Makes every list at `listPaths` (dotted, `[]` on list steps) an array: XML readers give a
 * one-element list as a single object, and core's `renameFields` only walks arrays. Mutates and
 * returns `value`.
 */
export function ensureLists<T>(value: T, listPaths: readonly string[]): T {
  for (const path of listPaths) wrapAlong(value, steps(path));
  return value;
}

function wrapAlong(node: unknown, path: readonly { key: string; list: boolean }[]): void {
  const [step, ...rest] = path;
  if (step === undefined || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) wrapAlong(item, path);
    return;
  }
  const record = node as Record<string, unknown>;
  let child = record[step.key];
  if (child === undefined || child === null) return;
  if (step.list && !Array.isArray(child)) {
    child = [child];
    record[step.key] = child;
  }
  wrapAlong(child, rest);
}
