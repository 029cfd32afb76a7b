import type { z } from 'zod';
import { InvalidInputError } from '../errors/input-errors.js';
import { validate } from '../errors/validation-issue.js';

/**
 * Validates `value` against `schema` and returns the parsed value (defaults applied). Throws
 * `InvalidInputError` naming `subject` and listing every problem.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  subject: string,
): z.output<S> {
  const result = validate(schema, value);
  if (!result.ok) throw new InvalidInputError(subject, result.issues);
  return result.value;
}
