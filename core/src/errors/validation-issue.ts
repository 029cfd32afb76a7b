import type { z } from 'zod';
import { unknownName } from './unknown-name.js';

/** One problem found while validating a value: where it is and what is wrong with it. */
export interface ValidationIssue {
  /** Dotted path to the offending field (`tvox.url`, `attachments.0.size`); empty for the root. */
  readonly path: string;
  /** What is wrong, in words a person can act on. */
  readonly message: string;
}

/** Turns a zod error into issues with dotted paths. */
export function issuesFromZod(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Formats issues one per line, `- path: message`, for error messages. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `- ${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('\n');
}

/** The names an object schema knows, for "did you mean" (none when the schema is not one). */
function knownKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return typeof shape === 'object' && shape !== null ? Object.keys(shape) : [];
}

/**
 * Messages people can act on: a missing field reads "required" rather than zod's "expected
 * string, received undefined"; a key the schema does not know (strict objects refuse them, so a
 * typo is never dropped silently) names the nearest known one.
 */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.inst);
    return issue.keys.map((key) => unknownName(key, 'setting', known)).join('; ');
  }
  return undefined;
};

/** Validates `value`, returning the parsed value (defaults applied) or every issue found. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
):
  | { readonly ok: true; readonly value: z.output<S> }
  | { readonly ok: false; readonly issues: ValidationIssue[] } {
  const result = schema.safeParse(value, { error: errorMap });
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: issuesFromZod(result.error) };
}
