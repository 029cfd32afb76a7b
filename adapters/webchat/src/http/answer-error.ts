import { errorReply } from '@tvox-connector/core';
import type { FastifyReply } from 'fastify';

/** Answers a failed request the way every surface of the connector does (core's `errorReply`). */
export function answerError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = errorReply(error);
  return reply.code(status).send(body);
}
