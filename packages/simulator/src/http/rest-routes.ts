import type { ContractCommand } from '@tvox-connector/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConnectorCommands } from '../engine/connector-commands.js';
import type { Faults } from '../engine/faults.js';
import type { SimulatorState } from '../engine/simulator-state.js';
import { publishContract } from '../contract-files.js';
import { runCommand } from './command-runner.js';
import { callerFromBasic } from './connector-auth.js';
import { faultGuard } from './fault-guard.js';
import { serveWadl } from './descriptions.js';

/** Where each command lives in the REST mapping, and how its input is assembled. */
interface RestRoute {
  readonly command: ContractCommand;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly input: (request: FastifyRequest) => unknown;
}

type Params = Record<string, string>;
type Query = Record<string, string | undefined>;

const body = (request: FastifyRequest): Record<string, unknown> =>
  typeof request.body === 'object' && request.body !== null
    ? (request.body as Record<string, unknown>)
    : {};
const sessionId = (request: FastifyRequest): string => (request.params as Params).id ?? '';
const query = (request: FastifyRequest): Query => request.query as Query;
/** A query number as a number, or as given when it is not one (so validation names it). */
const numeric = (value: string | undefined): unknown =>
  value !== undefined && /^\d+$/.test(value) ? Number(value) : value;

const ROUTES: readonly RestRoute[] = [
  { command: 'openSession', method: 'POST', url: '/sessions', input: body },
  {
    command: 'sendMessage',
    method: 'POST',
    url: '/sessions/:id/messages',
    input: (r) => ({ ...body(r), sessionId: sessionId(r) }),
  },
  {
    command: 'closeSession',
    method: 'POST',
    url: '/sessions/:id/close',
    input: (r) => ({ ...body(r), sessionId: sessionId(r) }),
  },
  {
    command: 'getSessionStatus',
    method: 'GET',
    url: '/sessions/:id/status',
    input: (r) => ({ connectorCode: query(r).connector, sessionId: sessionId(r) }),
  },
  {
    command: 'pollEvents',
    method: 'GET',
    url: '/events',
    input: (r) => ({
      connectorCode: query(r).connector,
      afterSequence: numeric(query(r).after ?? '0'),
      max: numeric(query(r).max ?? '100'),
    }),
  },
  { command: 'ackEvents', method: 'POST', url: '/events/ack', input: body },
];

function invalid(reply: FastifyReply, message: string): FastifyReply {
  return reply
    .code(400)
    .send({ result: 'FAILED', errorCode: 'INVALID_REQUEST', errorMessage: message });
}

/**
 * The REST/JSON endpoint at `/mc/cxf/rest` and its WADL at `?_wadl`. Business failures answer 200
 * with `result: FAILED`; malformed requests 400; bad credentials 401.
 */
export function restRoutes(state: SimulatorState, commands: ConnectorCommands, faults: Faults) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', faultGuard(faults));
    app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413)
        return reply
          .code(413)
          .send({ result: 'FAILED', errorCode: 'INVALID_REQUEST', errorMessage: error.message });
      if (status < 500) return invalid(reply, error.message);
      return reply
        .code(500)
        .send({ result: 'FAILED', errorCode: 'UNAVAILABLE', errorMessage: error.message });
    });

    serveWadl(app, (base) => publishContract(base).wadl);

    for (const route of ROUTES) {
      app.route({
        method: route.method,
        url: route.url,
        handler: async (request, reply) => {
          const caller = callerFromBasic(state, request.headers.authorization);
          const outcome = runCommand(state, commands, route.command, route.input(request), caller);
          switch (outcome.kind) {
            case 'unauthenticated':
              return reply
                .code(401)
                .header('www-authenticate', 'Basic realm="TVox multichannel"')
                .send({
                  result: 'FAILED',
                  errorCode: 'UNAUTHORIZED',
                  errorMessage: 'bad or missing credentials',
                });
            case 'invalid':
              return invalid(reply, outcome.message);
            case 'answer':
              return reply.send(outcome.output);
          }
        },
      });
    }
  };
}
