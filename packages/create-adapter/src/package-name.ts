import { builtinModules } from 'node:module';
import { z } from 'zod';

/** npm refuses names longer than this. */
const MAX_LENGTH = 214;
/** One part of a name (the scope, or the name after it), as npm accepts it for a new package. */
const PART = /^[a-z0-9-][a-z0-9._-]*$/;
/** Names npm reserves whatever their spelling. */
const RESERVED = new Set(['node_modules', 'favicon.ico', ...builtinModules]);

/**
 * An npm package name, by npm's rules for a new package: at most 214 characters, lower case,
 * URL-safe (letters, digits, `-`, `.`, `_`), not starting with `.` or `_`, not a Node.js core
 * module, and optionally scoped (`@acme/tvox-adapter-viber`).
 */
export const PackageName = z
  .string()
  .max(MAX_LENGTH, `expected at most ${MAX_LENGTH} characters, as npm requires`)
  .superRefine((name, context) => {
    const problem = packageNameProblem(name);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });
/** An npm package name. */
export type PackageName = z.infer<typeof PackageName>;

function packageNameProblem(name: string): string | undefined {
  if (name !== name.toLowerCase()) return 'expected lower case only, as npm requires';
  if (RESERVED.has(name)) return `"${name}" is reserved by npm or Node.js; choose another name`;
  const scoped = /^@([^/]*)\/(.*)$/.exec(name);
  const parts = scoped === null ? [name] : [scoped[1] ?? '', scoped[2] ?? ''];
  if (name.startsWith('@') && scoped === null)
    return 'expected a scoped name as @scope/name (e.g. @acme/tvox-adapter-viber)';
  for (const part of parts) {
    if (part === '') return 'expected a name and, if scoped, a scope that are not empty';
    if (part.startsWith('.') || part.startsWith('_'))
      return 'expected a name that does not start with "." or "_", as npm requires';
    if (!PART.test(part))
      return 'expected only lower-case letters, digits, "-", "." and "_" (and one "@scope/")';
  }
  return undefined;
}

/** The package name a standalone adapter gets unless its author names it: `tvox-connector-adapter-<name>`. */
export function defaultPackageName(name: string): string {
  return `tvox-connector-adapter-${name}`;
}
