import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Where a scaffolded adapter lives. `standalone`: a package of its own, anywhere, depending on
 * the published `@tvox-connector/*` packages, with its own tsconfig, scripts, lint and format.
 * `workspace`: a package of the tvox-connector repository itself (`adapters/<name>`), built,
 * linted and tested by the repository's root configuration.
 */
export const AdapterLayout = z.enum(['standalone', 'workspace']);
/** Where a scaffolded adapter lives. */
export type AdapterLayout = z.infer<typeof AdapterLayout>;

/** The root package's name in the tvox-connector repository. */
const REPOSITORY_PACKAGE = 'tvox-connector';

function isRepositoryRoot(folder: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
      name?: unknown;
      workspaces?: unknown;
    };
    return manifest.name === REPOSITORY_PACKAGE && Array.isArray(manifest.workspaces);
  } catch {
    return false;
  }
}

/**
 * The root of the tvox-connector repository that `path` (a folder, existing or not) lies in, or
 * `undefined` when it lies in none: the nearest ancestor whose package.json is the repository's.
 */
export function findRepositoryRoot(path: string): string | undefined {
  let folder = resolve(path);
  for (;;) {
    if (isRepositoryRoot(folder)) return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * Where the commands scaffold `name` unless told: `adapters/<name>` of the repository when `cwd`
 * is inside the tvox-connector repository, `./<name>` anywhere else.
 */
export function defaultAdapterDirectory(name: string, cwd: string): string {
  const root = findRepositoryRoot(cwd);
  return root === undefined ? join(cwd, name) : join(root, 'adapters', name);
}
