import { isIP } from 'node:net';
import { withChannelIds } from './config-paths.js';
import { z } from 'zod';
import { ConfigError } from '../errors/input-errors.js';
import { validate } from '../errors/validation-issue.js';
import { ChannelId } from '../model/conversation.js';
import { HttpUrl, NonEmptyString } from '../model/primitives.js';
import { NoticesConfig } from './notice-templates.js';
import { TvoxProxy, TvoxTls } from './tvox-connection.js';
import { SESSION_TEMPLATE_VARIABLES } from '../profile/command-catalogue.js';
import { templateProblems } from '../template/template.js';

/** The contract profile spoken when the config names none. */
export const DEFAULT_PROFILE = 'tvox-mc-relay';

/** The session description an agent sees by default: the channel and who writes. */
export const DEFAULT_SESSION_DESCRIPTION = '{channel.id} · {contact.displayName|contact.id}';

/** How the connector authenticates to TVox. `wsse` (WS-Security UsernameToken) is SOAP only. */
export const TvoxAuth = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('basic'),
    /** Defaults to the connector code. */
    username: NonEmptyString.optional(),
    password: z.string(),
  }),
  z.strictObject({
    kind: z.literal('wsse'),
    /** Defaults to the connector code. */
    username: NonEmptyString.optional(),
    password: z.string(),
  }),
  z.strictObject({ kind: z.literal('none') }),
]);
/** How the connector authenticates to TVox. */
export type TvoxAuth = z.infer<typeof TvoxAuth>;

/** Where TVox is and how to talk to it. */
export const TvoxConfig = z.strictObject({
  /** Base URL of the TVox, e.g. `http://10.0.0.5`; the endpoints are below `/mc/cxf/`. */
  url: HttpUrl,
  /**
   * The WSDL (SOAP) or WADL (REST) to load, as a URL or a file path. Defaults to the TVox's own
   * (`/mc/cxf/soap?wsdl` or `/mc/cxf/rest?_wadl`).
   */
  description: NonEmptyString.optional(),
  /**
   * The contract profile of this TVox release: a shipped one (`tvox-mc-relay`, `mcc-1.0`) or a
   * YAML file, which may `extends:` a shipped one. {@link DEFAULT_PROFILE} when absent. See
   * docs/profiles.md.
   */
  profile: NonEmptyString.optional(),
  /**
   * The secret session ids proposed to TVox are derived with (a keyed hash), so that two
   * deployments on one TVox never collide; generated and kept in the store when absent.
   */
  sessionIdKey: z.string().min(16, 'use a key of at least 16 characters').optional(),
  /**
   * How the connector works with this TVox: `routing` (TVox routes sessions; the agents converse
   * in the connector's desk, opened from TVox's contact-card popup), `relay` (messages travel
   * through TVox), or `auto`: relay when the bound release carries messages both ways, routing
   * otherwise. Resolved once at start and recorded per session: a session keeps its
   * mode.
   */
  mode: z.enum(['routing', 'relay', 'auto']).default('auto'),
  auth: TvoxAuth.default({ kind: 'none' }),
  /** Time allowed for one call, from sending to the last byte of the answer. */
  timeoutMs: z.int().positive().default(10_000),
  /** Time allowed to establish a connection. */
  connectTimeoutMs: z.int().positive().default(5_000),
  /** Keep-alive connections kept open to TVox. */
  maxConnections: z.int().positive().default(16),
  /** TLS settings for an `https://` TVox: a private CA, a client certificate (mTLS), SNI. */
  tls: TvoxTls.optional(),
  /** An outbound HTTP(S) proxy to reach TVox through. */
  proxy: TvoxProxy.optional(),
});
/** Where TVox is and how to talk to it. */
export type TvoxConfig = z.infer<typeof TvoxConfig>;

/**
 * The session data a routing-mode session sends TVox by default: the desk's page of the session,
 * which TVox's contact-card popup receives as `CALL_CHANNELDATA`.
 */
export const DEFAULT_ROUTING_SESSION_DATA = '{desk.url}/sessions/{session.id}';

/** How TVox authenticates its calls to the connector's callback. */
export const CallbackAuth = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('basic'),
    username: NonEmptyString,
    password: z.string().min(8),
  }),
  z.strictObject({
    kind: z.literal('hmac'),
    /** Shared secret for HMAC-SHA256 over the raw body. */
    secret: z.string().min(16, 'use a secret of at least 16 characters'),
    /** Header carrying the hex signature. */
    header: NonEmptyString.default('x-tvox-signature'),
  }),
]);
/** How TVox authenticates its calls to the connector's callback. */
export type CallbackAuth = z.infer<typeof CallbackAuth>;

/** How events reach the connector: TVox pushes them to a callback, or the connector polls. */
export const EventsConfig = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('push'),
    /** The URL TVox calls; defaults to `server.publicUrl` + the transport's callback path. */
    callbackUrl: HttpUrl.optional(),
    auth: CallbackAuth,
  }),
  z.strictObject({
    mode: z.literal('poll'),
    /** Pause between polls when the last one returned nothing. */
    intervalMs: z.int().positive().default(1_000),
    /** Most events per poll. */
    max: z.int().min(1).max(1000).default(100),
  }),
]);
/** How events reach the connector. */
export type EventsConfig = z.infer<typeof EventsConfig>;

/** What a channel's sessions show the agent in TVox's contact-card popup, as templates. */
export const SessionTemplates = z.strictObject({
  /** `CALL_CHANNELDESCRIPTION`: what the session is, in a line. */
  description: z.string().default(DEFAULT_SESSION_DESCRIPTION),
  /**
   * `CALL_CHANNELDATA`: the session's additional data; in routing mode the desk's page of the
   * session by default ({@link DEFAULT_ROUTING_SESSION_DATA}), none in relay mode.
   */
  data: z.string().optional(),
});
/** What a channel's sessions show the agent in TVox's popup. */
export type SessionTemplates = z.infer<typeof SessionTemplates>;

/** How routing-mode sessions are followed: polling TVox's status operation, adaptively. */
export const StatusFollowing = z.strictObject({
  /** Pause between two status queries of a session waiting for an agent (NEW, QUEUED, BOOKED). */
  waitingIntervalMs: z.int().positive().default(2_000),
  /** Pause between two status queries of a session an agent took charge of (ASSIGNED). */
  assignedIntervalMs: z.int().positive().default(30_000),
  /**
   * When TVox answers UNKNOW for a session (it restarted and lost it), a session whose customer
   * wrote within this time is opened again quietly in TVox; the others are closed with a notice.
   */
  reopenIfActiveWithinMs: z
    .int()
    .min(0)
    .default(15 * 60_000),
});
/** How routing-mode sessions are followed. */
export type StatusFollowing = z.infer<typeof StatusFollowing>;

/** Routing mode: where the agent desk is, and how sessions are followed. */
export const RoutingConfig = z.strictObject({
  /**
   * The agent desk's URL as agents' browsers reach it, the base of the session links sent to TVox
   * (`{desk.url}/sessions/{session.id}` by default as the session's data, which TVox's popup
   * gets as `CALL_CHANNELDATA`). Defaults to `{server.publicUrl}/desk`.
   */
  deskUrl: HttpUrl.optional(),
  /**
   * Most calls per second this instance makes to TVox for routing sessions (status queries, and
   * the `startSession` of routing sessions, a burst of them after an outage too); the calls due
   * beyond it wait their turn.
   */
  maxCallsPerSecond: z.number().positive().default(10),
  status: StatusFollowing.default(StatusFollowing.parse({})),
});
/** Routing mode's settings. */
export type RoutingConfig = z.infer<typeof RoutingConfig>;

/** One channel: an adapter instance with its TVox service and its own settings. */
export const ChannelConfig = z.strictObject({
  /** The connector's name for the channel (in webhook paths, logs, the ledger); unique. */
  id: ChannelId,
  /**
   * TVox's id of the channel the sessions are opened on: Custom channel 1, 2 or 3 (`1`, `2`, `3`),
   * LiveHelp (`1003`), or any id a release uses; licensed, enabled and configured in TVox.
   * Several channels may share one. Required by profiles that send it (`mcc-1.0`).
   */
  tvoxChannelId: z.int().optional(),
  /**
   * The channel's adapter package: one of ours by its word (`webchat`, `telegram`: the package
   * `@tvox-connector/adapter-<word>`), another package by its name, or a path to one.
   */
  adapter: NonEmptyString,
  /** The TVox service sessions of this channel are routed to. */
  serviceCode: NonEmptyString,
  /** Entry point (bot, page, number) → service code, overriding `serviceCode` for that entry. */
  entryPoints: z.record(z.string(), NonEmptyString).default({}),
  /** The adapter's own settings, validated by the adapter's schema. */
  settings: z.record(z.string(), z.unknown()).default({}),
  /** What the agent's popup shows for this channel's sessions; a description by default. */
  session: SessionTemplates.optional(),
});
/** One channel. */
export type ChannelConfig = z.infer<typeof ChannelConfig>;

/** Where the connector keeps its durable state. */
export const StoreConfig = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('sqlite'),
    /** Database file, created with its folder if missing; `:memory:` for a throw-away store. */
    path: NonEmptyString.default('data/tvox-connector.db'),
    /**
     * `FULL` (default) fsyncs the write-ahead log on every commit: a resolved call survives a power
     * loss. `NORMAL` fsyncs only at checkpoints: a resolved call survives a crash of the process
     * (`kill -9`) but the last commits may be lost with the machine's power.
     */
    synchronous: z.enum(['FULL', 'NORMAL']).default('FULL'),
    /** How long a write waits for another process holding the write lock; 0 fails at once. */
    busyTimeoutMs: z.int().nonnegative().default(5_000),
  }),
  z.strictObject({
    kind: z.literal('postgres'),
    /** Connection string, e.g. `postgres://user@db:5432/tvox`. */
    url: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection string'),
    /** The schema holding the tables, created if missing; one per connector. */
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case SQL identifier, e.g. tvox')
      .default('public'),
    pool: z
      .strictObject({
        /** Connections of this instance, besides the one that listens for new work. */
        max: z.int().positive().default(10),
        /** How long an unused connection stays open. */
        idleTimeoutMs: z.int().min(0).default(10_000),
      })
      .default({ max: 10, idleTimeoutMs: 10_000 }),
    /** Time allowed to open a connection. */
    connectionTimeoutMs: z.int().positive().default(5_000),
  }),
]);
/** Where the connector keeps its durable state. */
export type StoreConfig = z.infer<typeof StoreConfig>;

/**
 * A `store` section that does not say its `kind` is the default store's, SQLite (a section
 * holding only a `path`, from `TVOX_CONNECTOR_STORE__PATH` say).
 */
function withDefaultStoreKind(section: unknown): unknown {
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return section;
  return 'kind' in section ? section : { kind: 'sqlite', ...section };
}

/** Delivery retries and workers. */
export const RelayConfig = z.strictObject({
  /** First back-off after a retryable failure; doubles each attempt, with jitter. */
  initialDelayMs: z.int().positive().default(500),
  /** Longest back-off between two attempts. */
  maxDelayMs: z.int().positive().default(60_000),
  /**
   * Attempts after which a message goes to the dead-letter list. Only failures of the message
   * count: while TVox itself is down (unreachable, 5xx, refusing the credentials) messages to it
   * wait without spending attempts.
   */
  maxAttempts: z.int().positive().default(25),
  /**
   * How long a message may go on failing (from its first counted failure) before it goes to the
   * dead-letter list.
   */
  maxAgeMs: z
    .int()
    .positive()
    .default(24 * 60 * 60 * 1000),
  /** Lanes worked in parallel by this instance. */
  workers: z.int().positive().default(8),
  /** How long a claimed job stays reserved to this instance without being renewed. */
  leaseMs: z.int().positive().default(30_000),
  /**
   * With pushed events, how long an event waits before it is applied, so that an earlier event of
   * its session pushed late (TVox retrying a failed push) still goes first. Poll mode reads events
   * in sequence order and never waits.
   */
  eventReorderWindowMs: z.int().min(0).default(250),
  /**
   * Days a TVox event's sequence is kept to drop its re-deliveries; older ones are deleted by a
   * background sweep. Keep it longer than TVox ever delivers an event again.
   */
  eventRetentionDays: z.int().min(1).max(3660).default(7),
  /**
   * Days the ledger keeps the text and payload of a message that is done with (sent, delivered,
   * read or failed), counted from its last change; then they are cleared, the row stays. Kept
   * for good when unset. A dead letter keeps its message until replayed.
   */
  messagePayloadRetentionDays: z.int().min(1).max(36_600).optional(),
});
/** Delivery retries and workers. */
export type RelayConfig = z.infer<typeof RelayConfig>;

/**
 * Which proxies in front of the server to believe about the client's address
 * (`X-Forwarded-For`): none (`false`), every one (`true`), the nearest N hops, or the addresses
 * and CIDR ranges listed.
 */
export const TrustProxy = z.union(
  [
    z.boolean(),
    z.int().min(1),
    z
      .array(
        z
          .string()
          .refine(
            isProxyAddress,
            'expected an address or CIDR range (10.0.0.0/8), or loopback, linklocal, uniquelocal',
          ),
      )
      .min(1),
  ],
  {
    error:
      'expected false, true, a hop count, or a list of addresses and CIDR ranges ' +
      '(10.0.0.0/8, ::1, or loopback, linklocal, uniquelocal)',
  },
);

/** An address, a CIDR range, or one of the ranges proxy-addr names. */
function isProxyAddress(value: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true;
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** How many requests one client address may make to the channels' own routes (web chat). */
export const VisitorRateLimit = z.strictObject({
  /** Requests per window per client address; more are answered 429 until the window ends. */
  max: z.int().positive().default(300),
  /** The window, in milliseconds. */
  timeWindowMs: z.int().positive().default(60_000),
});

/** The connector's HTTP server (webhooks, the TVox callback, health and metrics). */
export const ServerConfig = z
  .strictObject({
    host: NonEmptyString.default('127.0.0.1'),
    port: z.int().min(0).max(65_535).default(8080),
    /**
     * The URL networks and TVox reach this server at, when behind a proxy: its origin, plus any
     * base path the proxy forwards to the server's root. Webhooks, file links and the TVox
     * callback are built below it (`{publicUrl}/webhooks/<channel id>`).
     */
    publicUrl: HttpUrl.optional(),
    /** Largest webhook body (and default for every other route); larger ones get 413. */
    bodyLimitBytes: z
      .int()
      .positive()
      .default(1024 * 1024),
    /** Largest TVox push accepted on the callback; a larger one is caught up by polling. */
    callbackBodyLimitBytes: z
      .int()
      .positive()
      .default(16 * 1024 * 1024),
    /** Time a client has to send a whole request, headers and body; cut with 408 past it. */
    requestTimeoutMs: z.int().positive().default(30_000),
    /** Time a client has to send a request's headers; at most `requestTimeoutMs`. */
    headersTimeoutMs: z.int().positive().default(10_000),
    /** How long an idle keep-alive connection is kept open; above load balancers' 60 s. */
    keepAliveTimeoutMs: z.int().positive().default(72_000),
    /** Connections open at once, sockets included; further ones are closed at once. */
    maxConnections: z.int().positive().default(4_096),
    /** The proxies to believe about the client's address; none by default. */
    trustProxy: TrustProxy.default(false),
    /** Per client address, on the channels' own routes (the web chat's): anonymous visitors. */
    visitorRateLimit: VisitorRateLimit.default(VisitorRateLimit.parse({})),
  })
  .superRefine((server, ctx) => {
    if (server.headersTimeoutMs > server.requestTimeoutMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['headersTimeoutMs'],
        message: 'must not exceed server.requestTimeoutMs',
      });
    }
  });
/** The connector's HTTP server. */
export type ServerConfig = z.infer<typeof ServerConfig>;

/** The whole connector configuration, as read from YAML and the environment. */
export const ConnectorConfig = z
  .strictObject({
    /** The connector's TVox user code, sent with every command. */
    connectorCode: NonEmptyString,
    /** Which TVox technology to speak. */
    transport: z.enum(['soap', 'rest']).default('rest'),
    tvox: TvoxConfig,
    events: EventsConfig.default({ mode: 'poll', intervalMs: 1_000, max: 100 }),
    channels: z.array(ChannelConfig).min(1, 'configure at least one channel'),
    store: z.preprocess(withDefaultStoreKind, StoreConfig).default({
      kind: 'sqlite',
      path: 'data/tvox-connector.db',
      synchronous: 'FULL',
      busyTimeoutMs: 5_000,
    }),
    relay: RelayConfig.default(RelayConfig.parse({})),
    routing: RoutingConfig.default(RoutingConfig.parse({})),
    server: ServerConfig.default(ServerConfig.parse({})),
    notices: NoticesConfig.default({ defaultLocale: 'en', templates: {} }),
    log: z
      .strictObject({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info'),
      })
      .default({ level: 'info' }),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.channels.forEach((channel, index) => {
      for (const [key, source] of Object.entries(channel.session ?? {})) {
        for (const message of templateProblems(source, SESSION_TEMPLATE_VARIABLES)) {
          ctx.addIssue({ code: 'custom', path: ['channels', index, 'session', key], message });
        }
      }
      if (seen.has(channel.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['channels', index, 'id'],
          message: `channel id "${channel.id}" is used twice; give each channel its own id`,
        });
      }
      seen.add(channel.id);
    });
    if (config.tvox.auth.kind === 'wsse' && config.transport !== 'soap') {
      ctx.addIssue({
        code: 'custom',
        path: ['tvox', 'auth', 'kind'],
        message: 'WS-Security (wsse) works with the SOAP transport only; use "basic" for REST',
      });
    }
    if (config.events.mode === 'push' && !config.events.callbackUrl && !config.server.publicUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['events', 'callbackUrl'],
        message:
          'push mode needs events.callbackUrl or server.publicUrl so TVox knows where to call',
      });
    }
    if (config.relay.initialDelayMs > config.relay.maxDelayMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['relay', 'initialDelayMs'],
        message: 'must not exceed relay.maxDelayMs',
      });
    }
  });
/** The whole connector configuration. */
export type ConnectorConfig = z.infer<typeof ConnectorConfig>;

/**
 * Validates a configuration object (as parsed from YAML) and fills in defaults. Throws
 * `ConfigError` listing every problem, never only the first.
 */
export function parseConnectorConfig(input: unknown): ConnectorConfig {
  const result = validate(ConnectorConfig, input);
  if (!result.ok) throw new ConfigError(withChannelIds(result.issues, input));
  return result.value;
}
