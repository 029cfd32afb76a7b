import { InvalidInputError, parseInput } from '@tvox-connector/core';
import type { z } from 'zod';

/**
 * Reads a verified webhook body as `schema` (a Meta notification: `object` and `entry[]`). Throws
 * `InvalidInputError` naming `subject` (answered 400) for a body that is not JSON or not the
 * schema's shape.
 */
export function readWebhookBody<S extends z.ZodType>(
  rawBody: Buffer,
  schema: S,
  subject: string,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new InvalidInputError(subject, [
      { path: '', message: `not JSON (${(error as Error).message})` },
    ]);
  }
  return parseInput(schema, json, subject);
}
