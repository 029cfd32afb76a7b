import { DEFAULT_PROFILE } from '../config/connector-config.js';
import { ConfigError } from '../errors/input-errors.js';
import {
  ContractMismatchError,
  OperationUnavailableError,
  TransportCallError,
  type ContractGap,
} from '../errors/transport-errors.js';
import type { HttpEndpoint } from '../interfaces/callback-endpoint.js';
import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';
import type {
  CallOptions,
  EventBatch,
  EventHandler,
  EventMode,
  EventSubscription,
  OpenedSession,
  SubscribeOptions,
  Transport,
  TvoxHealth,
} from '../interfaces/transport.js';
import type { TvoxEvent } from '../contract/events.js';
import type { SessionStatusAnswer } from '../profile/answers.js';
import type { ConnectorCommand, OutgoingCommand } from '../profile/command-catalogue.js';
import type {
  AckEventsRequest,
  CloseSessionRequest,
  OpenSessionRequest,
  PollEventsRequest,
  SendMessageRequest,
  SessionStatusRequest,
} from '../profile/command-requests.js';
import {
  modeOf,
  type CompiledOperation,
  type CompiledProfile,
  type IntegrationMode,
} from '../profile/compiled-profile.js';
import { encodeRequest, type WireRequest } from '../profile/encode-request.js';
import { loadProfile } from '../profile/load-profile.js';
import { readAnswer, readPush, type ReadAnswer } from '../profile/read-answer.js';
import { readEvent, type UnreadableEvent } from '../profile/read-events.js';
import { noopMetrics } from '../runtime/noop-metrics.js';
import { silentLogger } from '../runtime/silent-logger.js';
import { SystemClock } from '../runtime/system-clock.js';
import { dedupeEvents } from './event-dedupe.js';
import { EventPoller } from './event-poller.js';
import { PushReceiver, type PushCodec } from './push-receiver.js';
import { TvoxHealthRecorder } from './tvox-outage.js';
import {
  callbackPath,
  timeCall,
  type TransportConfig,
  type TransportDeps,
} from './transport-config.js';

/** The operations a release has, by connector command, once bound to its description. */
export type BoundOperations = Readonly<Partial<Record<ConnectorCommand, CompiledOperation>>>;

/**
 * What binding a profile to a description found: the operations bound, what each is bound to in
 * this technology (a WSDL operation, an HTTP route), and the guessed operations the description
 * lacks; or every gap.
 */
export type ProfileBinding<T> =
  | {
      readonly ok: true;
      readonly operations: BoundOperations;
      readonly bindings: ReadonlyMap<ConnectorCommand, T>;
      /** Guessed operations the description lacks: the release runs without them. */
      readonly dropped: readonly string[];
    }
  | { readonly ok: false; readonly gaps: readonly ContractGap[] };

/** What a technology got back from one call: the answer's content, and its HTTP status. */
export interface InvokeResult {
  /** The SOAP wrapper's `<return>` children, or the JSON object (root wrapper removed). */
  readonly content: unknown;
  readonly status?: number;
}

/**
 * What every transport shares, whatever the technology: the contract profile loaded at start and
 * bound to TVox's description, every command encoded and its answer read through the profile (one
 * answer reader for all), call timing, events by `EventPoller` or by a `PushReceiver` exposed as
 * `callback`, each sequence once per subscription. A technology supplies `bind` (load its
 * description and check the profile against it), `invoke` (one call), its push codec and its HTTP
 * teardown.
 */
export abstract class ContractTransport implements Transport {
  abstract readonly kind: string;
  readonly eventMode: EventMode;
  readonly callback: HttpEndpoint | undefined;
  protected readonly clock: Clock;
  protected readonly logger: Logger;
  protected readonly metrics: Metrics;
  private readonly receiver: PushReceiver | undefined;
  private readonly healthRecorder: TvoxHealthRecorder;
  private subscription: EventSubscription | undefined;
  /** Where the profile is read from: a shipped profile's name or a file (read at each start). */
  private readonly profileReference: string;
  /** The profile's own name, once loaded. */
  private profileName: string;
  private bound: BoundOperations = {};

  protected constructor(
    protected readonly config: TransportConfig,
    deps: TransportDeps,
    private readonly technology: string,
  ) {
    this.clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({ transport: technology });
    this.metrics = deps.metrics ?? noopMetrics;
    this.healthRecorder = new TvoxHealthRecorder(this.clock);
    this.profileReference = config.tvox.profile ?? DEFAULT_PROFILE;
    this.profileName = this.profileReference;
    this.eventMode = config.events.mode;
    const path = callbackPath(config);
    if (config.events.mode === 'push' && path !== undefined) {
      this.receiver = new PushReceiver(
        config.events.auth,
        config.connectorCode,
        this.pushCodec(),
        (content) => {
          const operation = this.bound.notifyEvents;
          return operation === undefined ? undefined : readPush(operation, content);
        },
        {
          logger: this.logger,
          metrics: this.metrics,
          // An oversize push is caught up by polling where the release also polls.
          poller: () =>
            this.bound.pollEvents !== undefined && this.bound.ackEvents !== undefined
              ? this
              : undefined,
        },
      );
      this.callback = this.receiver.endpoint(this.callbackEndpointPath(path));
    }
  }

  /**
   * Loads the contract profile and binds it to TVox's description. Operations the description
   * lacks fail the start with one `ContractMismatchError`, except guessed ones (the release runs
   * without them, degraded). Push mode with a profile that has no push callback is a `ConfigError`.
   */
  async start(): Promise<void> {
    const profile = await loadProfile(this.profileReference);
    this.profileName = profile.name;
    this.bound = await this.bind(profile);
    if (this.receiver !== undefined && this.bound.notifyEvents === undefined) {
      throw new ConfigError([
        {
          path: 'events.mode',
          message: `profile ${profile.name} has no push callback (notifyEvents); use events.mode: poll`,
        },
      ]);
    }
  }

  health(): TvoxHealth {
    return this.healthRecorder.current;
  }

  /** Loads this technology's description and binds the profile's operations to it. */
  protected abstract bind(profile: CompiledProfile): Promise<BoundOperations>;

  /** Calls one operation with its request in the release's shape. */
  protected abstract invoke(
    operation: CompiledOperation,
    request: WireRequest,
    options: CallOptions,
  ): Promise<InvokeResult>;

  /** Reads and answers pushes in this technology (called once, from the constructor). */
  protected abstract pushCodec(): PushCodec;

  /** Where this technology's callback lives, below the callback URL's path. */
  protected abstract callbackEndpointPath(callbackUrlPath: string): string;

  /** Closes keep-alive connections. */
  protected abstract closeConnections(): Promise<void>;

  /**
   * Takes a binding found against the description at `source`: one `ContractMismatchError`
   * listing every gap, or the binding, after a warning naming the guessed operations dropped.
   */
  protected accepted<T>(
    source: string,
    binding: ProfileBinding<T>,
  ): Extract<ProfileBinding<T>, { ok: true }> {
    if (!binding.ok) throw new ContractMismatchError(source, binding.gaps);
    if (binding.dropped.length > 0) {
      this.logger.warn(
        { source, operations: binding.dropped },
        'the description lacks guessed operations of the profile; the connector runs without them',
      );
    }
    return binding;
  }

  /**
   * Drops an operation the release turned out not to have (a guessed one, bound without a
   * description to check it against, that TVox answers as unknown): later calls fail at once
   * with `OperationUnavailableError`, and `operations` and `mode` say so.
   */
  protected forget(command: ConnectorCommand): void {
    const rest = { ...this.bound };
    Reflect.deleteProperty(rest, command);
    this.bound = rest;
  }

  /** The operation bound to `command`, once started; `undefined` when the release has none. */
  protected boundOperation(command: ConnectorCommand): CompiledOperation | undefined {
    return this.bound[command];
  }

  get operations(): ReadonlySet<ConnectorCommand> {
    return new Set(Object.keys(this.bound) as ConnectorCommand[]);
  }

  get mode(): IntegrationMode {
    return modeOf(this.bound);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
    await this.closeConnections();
  }

  /** One command through the profile: encode, invoke, read the answer, time it. */
  private call<C extends OutgoingCommand>(
    command: C,
    variables: object,
    sessionId: string | undefined,
    options: CallOptions = {},
  ): Promise<ReadAnswer<C>> {
    return timeCall(
      this.metrics,
      this.clock,
      this.technology,
      command,
      this.healthRecorder,
      async () => {
        const operation = this.bound[command];
        if (operation === undefined) {
          if (Object.keys(this.bound).length === 0) {
            throw new TransportCallError(command, 'connection', 'start() has not completed');
          }
          throw new OperationUnavailableError(command, this.profileName);
        }
        const request = encodeRequest(operation, {
          connector: { code: this.config.connectorCode },
          ...variables,
        });
        const { content, status } = await this.invoke(operation, request, options);
        return readAnswer(operation as CompiledOperation & { command: C }, content, {
          ...(sessionId === undefined ? {} : { sessionId }),
          ...(status === undefined ? {} : { status }),
        });
      },
    );
  }

  async openSession(request: OpenSessionRequest, options?: CallOptions): Promise<OpenedSession> {
    const answer = await this.call('openSession', request, undefined, options);
    return {
      sessionId: answer.sessionId ?? request.session.id,
      ...(answer.status === undefined ? {} : { status: answer.status }),
      ...(answer.contactId === undefined ? {} : { contactId: answer.contactId }),
    };
  }

  async sendMessage(request: SendMessageRequest, options?: CallOptions): Promise<void> {
    await this.call('sendMessage', request, request.session.id, options);
  }

  async closeSession(request: CloseSessionRequest, options?: CallOptions): Promise<void> {
    await this.call('closeSession', request, request.session.id, options);
  }

  async getSessionStatus(
    request: SessionStatusRequest,
    options?: CallOptions,
  ): Promise<SessionStatusAnswer> {
    const { status, agent } = await this.call(
      'getSessionStatus',
      request,
      request.session.id,
      options,
    );
    return { status, ...(agent === undefined ? {} : { agent }) };
  }

  async pollEvents(request: PollEventsRequest, options?: CallOptions): Promise<EventBatch> {
    const answer = await this.call('pollEvents', request, undefined, options);
    const unreadable = answer.unreadable ?? [];
    if (unreadable.length > 0) {
      // Counted once, by the relay, as it sets them aside.
      this.logger.warn(
        { unreadable: unreadable.map((e) => ({ sequence: e.sequence, reason: e.reason })) },
        'polled TVox events could not be read; they are set aside and the others applied',
      );
    }
    return {
      events: answer.events ?? [],
      lastSequence: answer.lastSequence ?? 0,
      unreadable,
    };
  }

  readEvent(raw: unknown): TvoxEvent | UnreadableEvent {
    const operation = this.config.events.mode === 'push' ? 'notifyEvents' : 'pollEvents';
    const spec = this.bound[operation]?.events;
    if (spec === undefined) {
      return { raw, reason: `the profile ${this.profileName} has no ${operation} events` };
    }
    return readEvent(spec, raw);
  }

  async ackEvents(request: AckEventsRequest, options?: CallOptions): Promise<void> {
    await this.call('ackEvents', request, undefined, options);
  }

  async subscribe(handler: EventHandler, options?: SubscribeOptions): Promise<EventSubscription> {
    await this.subscription?.close();
    const events = this.config.events;
    const once = dedupeEvents(handler);
    const subscription =
      events.mode === 'poll'
        ? new EventPoller(
            this,
            once,
            this.clock,
            this.logger,
            {
              intervalMs: events.intervalMs,
              max: events.max,
              ...(options?.cursor ? { cursor: options.cursor } : {}),
            },
            this.metrics,
          )
        : this.receiver?.subscribe(once, options?.cursor);
    if (!subscription)
      throw new Error('push mode without a callback: events.callbackUrl is required');
    this.subscription = subscription;
    return subscription;
  }
}
