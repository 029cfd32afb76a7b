import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Faults } from '../engine/faults.js';

/**
 * An `onRequest` hook that applies injected faults to the TVox endpoints before anything else
 * runs: delays the call, answers it with a 5xx, or drops the connection as a dead server would.
 */
export function faultGuard(faults: Faults) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const fate = faults.nextCall();
    if (fate.kind === 'reset') {
      await reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (fate.latencyMs > 0) await delay(fate.latencyMs);
    if (fate.kind === 'fail') {
      await reply
        .code(fate.status)
        .header('content-type', 'text/plain; charset=utf-8')
        .send(`Injected fault: HTTP ${fate.status}`);
    }
  };
}
