import { HttpUrl, NonEmptyString } from '@tvox-connector/core';
import { z } from 'zod';

/** How a service picks the agent a queued session is offered to. */
export const DistributionStrategy = z.enum([
  'round-robin',
  'longest-idle',
  'least-busy',
  'skill-priority',
]);
/** How a service picks the agent a queued session is offered to. */
export type DistributionStrategy = z.infer<typeof DistributionStrategy>;

/** Skill name → level (1 = basic, 10 = expert). */
export const Skills = z.record(z.string().min(1), z.int().min(1).max(10));
/** Skill name → level. */
export type Skills = z.infer<typeof Skills>;

/** A contact-center service sessions are routed to. */
export const ServiceDefinition = z.object({
  code: NonEmptyString,
  name: NonEmptyString.optional(),
  /** Skills an agent needs, with the minimum level, to be offered this service's sessions. */
  requiredSkills: Skills.default({}),
  strategy: DistributionStrategy.default('round-robin'),
  /** How long an offered (BOOKED) session waits for the agent to accept before it is requeued. */
  offerTimeoutMs: z.int().positive().default(30_000),
});
/** A contact-center service. */
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;

/** A TVox agent. */
export const AgentDefinition = z.object({
  /** The agent's TVox user code. */
  code: NonEmptyString,
  name: NonEmptyString,
  /** Password for the agent console; none means any password is accepted. */
  password: z.string().optional(),
  skills: Skills.default({}),
  /** Chats the agent handles at once (offered + assigned). */
  capacity: z.int().positive().default(3),
});
/** A TVox agent. */
export type AgentDefinition = z.infer<typeof AgentDefinition>;

/** How TVox authenticates its pushes to a connector's callback. */
export const PushAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('basic'), username: NonEmptyString, password: z.string() }),
  z.object({
    kind: z.literal('hmac'),
    secret: z.string().min(1),
    header: NonEmptyString.default('x-tvox-signature'),
  }),
]);
/** How TVox authenticates its pushes to a connector's callback. */
export type PushAuth = z.infer<typeof PushAuth>;

/** How a connector receives its events. */
export const EventDelivery = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('poll') }),
  z.object({
    mode: z.literal('push'),
    /** The callback base: REST pushes go to `{url}/events`, SOAP pushes to `{url}` itself. */
    url: HttpUrl,
    technology: z.enum(['rest', 'soap']).default('rest'),
    auth: PushAuth,
    /** Most events per push. */
    batchSize: z.int().min(1).max(1000).default(100),
  }),
]);
/** How a connector receives its events. */
export type EventDelivery = z.infer<typeof EventDelivery>;

/** A multichannel connector account (a TVox user code the connector logs in with). */
export const ConnectorDefinition = z.object({
  code: NonEmptyString,
  /** Password for HTTP Basic or WS-Security; none means calls need no credentials. */
  password: z.string().optional(),
  events: EventDelivery.default({ mode: 'poll' }),
});
/** A multichannel connector account. */
export type ConnectorDefinition = z.infer<typeof ConnectorDefinition>;

/** Everything the simulator is configured with (YAML file, or `startSimulator` options). */
export const SimulatorConfig = z.object({
  host: NonEmptyString.default('127.0.0.1'),
  port: z.int().min(0).max(65_535).default(8090),
  services: z.array(ServiceDefinition).default([]),
  agents: z.array(AgentDefinition).default([]),
  connectors: z.array(ConnectorDefinition).default([]),
  /** A file the state is saved to and restored from, so a restart keeps its sessions. */
  snapshotFile: NonEmptyString.optional(),
  /** Largest request body accepted; larger ones get 413. */
  bodyLimitBytes: z
    .int()
    .positive()
    .default(1024 * 1024),
});
/** Everything the simulator is configured with. */
export type SimulatorConfig = z.infer<typeof SimulatorConfig>;
/** Simulator configuration as written, before defaults. */
export type SimulatorConfigInput = z.input<typeof SimulatorConfig>;
