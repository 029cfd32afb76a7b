import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors/input-errors.js';
import { validate } from '../errors/validation-issue.js';

/**
 * Reads a YAML file and validates it against `schema` (an empty file is `{}`). Throws
 * `ConfigError`: with the read or YAML syntax error (and its line), or listing every problem,
 * each path prefixed with `prefix` so the message says which setting or file it is about.
 */
export async function readYamlConfig<S extends z.ZodType>(
  file: string,
  schema: S,
  prefix = '',
): Promise<z.output<S>> {
  const at = (path: string): string => [prefix, path].filter((p) => p !== '').join('.');
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      [{ path: at(''), message: `cannot read ${file}: ${(error as Error).message}` }],
      { cause: error },
    );
  }
  const result = validate(schema, raw ?? {});
  if (!result.ok)
    throw new ConfigError(result.issues.map((i) => ({ path: at(i.path), message: i.message })));
  return result.value;
}
