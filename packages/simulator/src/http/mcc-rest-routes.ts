import type { FastifyInstance, FastifyReply } from 'fastify';
import { publishContract } from '../contract-files.js';
import type { Faults } from '../engine/faults.js';
import type { SimulatorState } from '../engine/simulator-state.js';
import type { MccCommands } from '../mcc/mcc-commands.js';
import { runMccOperation } from '../mcc/mcc-runner.js';
import { MCC_OPERATIONS, type MccOperation } from '../mcc/mcc-wire.js';
import { callerFromBasic } from './connector-auth.js';
import { serveWadl } from './descriptions.js';
import { faultGuard } from './fault-guard.js';

type Query = Record<string, string | string[] | undefined>;

/**
 * An `int` query parameter as JAX-RS converts it: absent is Java's default 0; digits are the
 * number; anything else stays a string, which the request schema refuses (answered 400).
 */
function intParam(value: string | undefined): unknown {
  if (value === undefined) return 0;
  return /^[+-]?\d+$/.test(value) ? Number(value) : value;
}

/** The request of `operation` from a query string: each field its parameter, the first if repeated. */
function requestFromQuery(operation: MccOperation, query: Query): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const field of Object.keys(MCC_OPERATIONS[operation].input.shape)) {
    const given = query[field];
    const value = Array.isArray(given) ? given[0] : given;
    if (field === 'channelId') request[field] = intParam(value);
    else if (value !== undefined) request[field] = value;
  }
  return request;
}

function plainText(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).type('text/plain; charset=utf-8').send(text);
}

/**
 * The mcc-1.0 REST/JSON endpoint: `GET /mc/cxf/rest/json/{operation}` with the parameters in the
 * query string (decoded once), answering the result as a plain JSON object with absent fields left
 * out; its WADL at `/mc/cxf/rest?_wadl`. A `channelId` that is not an int answers 400, as a JAX-RS
 * parameter conversion failure; bad or missing credentials answer 401.
 */
export function mccRestRoutes(state: SimulatorState, commands: MccCommands, faults: Faults) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', faultGuard(faults));
    app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) =>
      plainText(reply, error.statusCode ?? 500, error.message),
    );
    serveWadl(app, (base) => publishContract(base, 'mcc-1.0').wadl);

    for (const operation of Object.keys(MCC_OPERATIONS) as MccOperation[]) {
      app.get(`/json/${operation}`, async (request, reply) => {
        const outcome = runMccOperation(
          state,
          commands,
          operation,
          requestFromQuery(operation, request.query as Query),
          callerFromBasic(state, request.headers.authorization),
        );
        switch (outcome.kind) {
          case 'unauthenticated':
            reply.header('www-authenticate', 'Basic realm="TVox multichannel"');
            return plainText(reply, 401, 'bad or missing credentials');
          case 'invalid':
            return plainText(reply, 400, outcome.message);
          case 'answer':
            return reply.send(outcome.output);
        }
      });
    }
  };
}
