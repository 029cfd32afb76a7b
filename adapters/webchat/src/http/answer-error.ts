import { errorReply } from '@tvox-connector/core';
import type { FastifyReply } from 'fastify';

/** The `retryAfterMs` a refusal carries (`RateLimitedError`), if any. */
export function retryAfterMsOf(error: unknown): number | undefined {
  const retryAfterMs = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof retryAfterMs === 'number' ? retryAfterMs : undefined;
}

/**
 * Answers a failed request the way every surface of the connector does (core's `errorReply`),
 * with `Retry-After` (seconds) when the error says how long to wait.
 */
export function answerError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = errorReply(error);
  const retryAfterMs = retryAfterMsOf(error);
  if (retryAfterMs !== undefined)
    reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
  return reply.code(status).send(body);
}
