import { InvalidInputError, parseInput, Attachment, SessionStatus } from '@tvox-connector/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AgentDefinition,
  ConnectorDefinition,
  ServiceDefinition,
  type ChannelDefinition,
  type SimulatorProfile,
} from '../config/simulator-config.js';
import type { AgentDesk } from '../engine/agent-desk.js';
import { FaultSettings, type Faults } from '../engine/faults.js';
import { SimulatorError } from '../engine/simulator-error.js';
import type { SimulatorState } from '../engine/simulator-state.js';
import { agentView, connectorView, deskView } from '../engine/views.js';

/** What the admin routes act on. */
export interface AdminContext {
  readonly state: SimulatorState;
  readonly desk: AgentDesk;
  readonly faults: Faults;
  /** Back to the configured directory with no sessions and no events. */
  readonly reset: () => void;
  /** The profile served, and its channels (mcc-1.0), for the overview. */
  readonly profile: SimulatorProfile;
  readonly channels: readonly ChannelDefinition[];
}

const Reply = z.object({
  text: z.string().min(1).optional(),
  attachments: z.array(Attachment).optional(),
});
const Presence = z.object({ presence: z.enum(['available', 'away']) });
const Login = z.object({ password: z.string().optional() });
const Close = z.object({ reason: z.string().min(1).optional() });
const SessionFilter = z.object({
  connector: z.string().optional(),
  status: SessionStatus.optional(),
});

type Params = Record<string, string>;
const param = (request: FastifyRequest, name: string): string =>
  (request.params as Params)[name] ?? '';
const bodyOf = (request: FastifyRequest): unknown => request.body ?? {};

/**
 * The admin and scripting API under `/admin/api`: the directory, agent actions, the session
 * ledger, event streams, fault injection, reset, and a server-sent stream of changes for live
 * views. JSON in and out; errors are `{ error: { code, message } }` with a matching status.
 */
export function adminRoutes(ctx: AdminContext) {
  const { state, desk, faults } = ctx;
  const agentOf = (code: string) => {
    const agent = state.agents.get(code);
    if (!agent) throw new SimulatorError('NOT_FOUND', `no agent with code ${code}`);
    return agent;
  };

  return async (app: FastifyInstance): Promise<void> => {
    app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply: FastifyReply) => {
      if (error instanceof SimulatorError) {
        return reply
          .code(error.status)
          .send({ error: { code: error.code, message: error.message } });
      }
      if (error instanceof InvalidInputError) {
        return reply.code(400).send({ error: { code: 'INVALID', message: error.message } });
      }
      const status = error.statusCode ?? 500;
      return reply.code(status).send({
        error: {
          code: status === 413 ? 'TOO_LARGE' : status < 500 ? 'INVALID' : 'INTERNAL',
          message: error.message,
        },
      });
    });

    app.get('/state', async () => ({
      profile: ctx.profile,
      ...(ctx.profile === 'mcc-1.0' ? { channels: ctx.channels } : {}),
      services: [...state.services.values()],
      agents: [...state.agents.values()].map((a) => agentView(state, a)),
      connectors: [...state.connectors.values()].map(connectorView),
      sessions: [...state.sessions.values()].map(
        ({ sessionId, connectorCode, serviceCode, status, agentCode }) => ({
          sessionId,
          connectorCode,
          serviceCode,
          status,
          ...(agentCode === undefined ? {} : { agentCode }),
        }),
      ),
      faults: faults.status(),
    }));

    app.put('/services/:code', async (request) => {
      state.upsertService(
        parseInput(
          ServiceDefinition,
          { ...(bodyOf(request) as object), code: param(request, 'code') },
          'service',
        ),
      );
      return state.services.get(param(request, 'code'));
    });
    app.put('/agents/:code', async (request) => {
      state.upsertAgent(
        parseInput(
          AgentDefinition,
          { ...(bodyOf(request) as object), code: param(request, 'code') },
          'agent',
        ),
      );
      return agentView(state, agentOf(param(request, 'code')));
    });
    app.put('/connectors/:code', async (request) => {
      state.upsertConnector(
        parseInput(
          ConnectorDefinition,
          { ...(bodyOf(request) as object), code: param(request, 'code') },
          'connector',
        ),
      );
      const connector = state.connectors.get(param(request, 'code'));
      return connector && connectorView(connector);
    });

    app.get('/agents/:code/desk', async (request) =>
      deskView(state, agentOf(param(request, 'code'))),
    );
    app.post('/agents/:code/login', async (request) => {
      const { password } = parseInput(Login, bodyOf(request), 'login');
      return agentView(state, desk.login(param(request, 'code'), password));
    });
    app.post('/agents/:code/logout', async (request) => {
      desk.logout(param(request, 'code'));
      return agentView(state, agentOf(param(request, 'code')));
    });
    app.post('/agents/:code/presence', async (request) => {
      desk.setPresence(
        param(request, 'code'),
        parseInput(Presence, bodyOf(request), 'presence').presence,
      );
      return agentView(state, agentOf(param(request, 'code')));
    });

    const sessionAction = (
      action: string,
      run: (agent: string, session: string, request: FastifyRequest) => unknown,
    ) => {
      app.post(`/agents/:code/sessions/:id/${action}`, async (request) => {
        const result = run(param(request, 'code'), param(request, 'id'), request);
        return result ?? state.sessions.get(param(request, 'id'));
      });
    };
    sessionAction('accept', (agent, session) => {
      desk.accept(agent, session);
    });
    sessionAction('decline', (agent, session) => {
      desk.decline(agent, session);
    });
    sessionAction('typing', (agent, session) => {
      desk.typing(agent, session);
    });
    sessionAction('reply', (agent, session, request) => {
      const reply = parseInput(Reply, bodyOf(request), 'reply');
      return { messageId: desk.reply(agent, session, reply) };
    });
    sessionAction('close', (agent, session, request) => {
      desk.close(agent, session, parseInput(Close, bodyOf(request), 'close').reason);
    });

    app.get('/sessions', async (request) => {
      const filter = parseInput(SessionFilter, request.query, 'session filter');
      return [...state.sessions.values()].filter(
        (s) =>
          (filter.connector === undefined || s.connectorCode === filter.connector) &&
          (filter.status === undefined || s.status === filter.status),
      );
    });
    app.get('/sessions/:id', async (request) => {
      const session = state.sessions.get(param(request, 'id'));
      if (!session) throw new SimulatorError('NOT_FOUND', `no session ${param(request, 'id')}`);
      return session;
    });
    app.get('/connectors/:code/events', async (request) => {
      const connector = state.connectors.get(param(request, 'code'));
      if (!connector)
        throw new SimulatorError('NOT_FOUND', `no connector with code ${param(request, 'code')}`);
      return { ...connectorView(connector), pending: connector.pending };
    });

    app.get('/faults', async () => faults.status());
    app.post('/faults', async (request) => {
      faults.inject(parseInput(FaultSettings, bodyOf(request), 'fault settings'));
      return faults.status();
    });
    app.delete('/faults', async () => {
      faults.clear();
      return faults.status();
    });
    app.post('/reset', async () => {
      ctx.reset();
      return { reset: true };
    });

    app.get('/changes', (request, reply) => {
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      reply.raw.write(': connected\n\n');
      const onChange = (change: unknown): void => {
        reply.raw.write(`data: ${JSON.stringify(change)}\n\n`);
      };
      const heartbeat = setInterval(() => reply.raw.write(': keep-alive\n\n'), 15_000);
      state.on('change', onChange);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        state.off('change', onChange);
      });
      void reply.hijack();
    });
  };
}
