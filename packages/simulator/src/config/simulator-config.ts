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
  /**
   * How long a new session stays NEW before it enters the queue (TVox's process picking it up);
   * 0 queues it at once.
   */
  queueDelayMs: z.int().nonnegative().default(0),
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

/**
 * Which TVox the simulator plays: `tvox-mc-relay` serves the project's contract "tvox-mc v1"
 * (sessions, messages and events); `mcc-1.0` serves the documented MultiChannel Connector 1.0
 * (startSession, plus the guessed closeSession and getSessionStatus: routing only).
 */
export const SimulatorProfile = z.enum(['tvox-mc-relay', 'mcc-1.0']);
/** Which TVox the simulator plays. */
export type SimulatorProfile = z.infer<typeof SimulatorProfile>;

/** A TVox channel sessions are started on (mcc-1.0). */
export const ChannelDefinition = z.object({
  /** TVox's channel id: 1, 2 and 3 are the custom channels, 1003 LiveHelp. */
  id: z.int().positive(),
  name: NonEmptyString.optional(),
  /** An unlicensed channel refuses sessions with NO_LICENSE. */
  licensed: z.boolean().default(true),
  enabled: z.boolean().default(true),
  /** Most sessions open at once on the channel; one more is refused with NO_LICENSE. */
  licences: z.int().positive().optional(),
});
/** A TVox channel. */
export type ChannelDefinition = z.infer<typeof ChannelDefinition>;

/** The channels TVox's MCC documentation names, each licensed and enabled. */
export const DOCUMENTED_CHANNELS: readonly ChannelDefinition[] = [
  { id: 1, name: 'Custom channel 1', licensed: true, enabled: true },
  { id: 2, name: 'Custom channel 2', licensed: true, enabled: true },
  { id: 3, name: 'Custom channel 3', licensed: true, enabled: true },
  { id: 1003, name: 'LiveHelp', licensed: true, enabled: true },
];

/** Everything the simulator is configured with (YAML file, or `startSimulator` options). */
export const SimulatorConfig = z.object({
  profile: SimulatorProfile.default('tvox-mc-relay'),
  host: NonEmptyString.default('127.0.0.1'),
  port: z.int().min(0).max(65_535).default(8090),
  services: z.array(ServiceDefinition).default([]),
  agents: z.array(AgentDefinition).default([]),
  connectors: z.array(ConnectorDefinition).default([]),
  /** The channels of the mcc-1.0 profile; the documented ones when absent. */
  channels: z
    .array(ChannelDefinition)
    .refine((channels) => new Set(channels.map((c) => c.id)).size === channels.length, {
      message: 'channel ids must be unique',
    })
    .default([...DOCUMENTED_CHANNELS]),
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
