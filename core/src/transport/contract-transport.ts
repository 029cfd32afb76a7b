import type { z } from 'zod';
import type {
  AckEventsInput,
  CloseSessionInput,
  CONTRACT_OPERATIONS,
  ContractCommand,
  GetSessionStatusInput,
  OpenSessionInput,
  PollEventsInput,
  SendMessageInput,
} from '../contract/commands.js';
import type { SessionStatus } from '../contract/enums.js';
import { REFERENCE_OPERATION_MAP, type OperationMap } from '../contract/operation-map.js';
import { TransportCallError } from '../errors/transport-errors.js';
import type { HttpEndpoint } from '../interfaces/callback-endpoint.js';
import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';
import type {
  CallOptions,
  CommandRequest,
  EventBatch,
  EventHandler,
  EventSubscription,
  OpenedSession,
  SubscribeOptions,
  Transport,
} from '../interfaces/transport.js';
import { noopMetrics } from '../runtime/noop-metrics.js';
import { silentLogger } from '../runtime/silent-logger.js';
import { SystemClock } from '../runtime/system-clock.js';
import { dedupeEvents } from './event-dedupe.js';
import { EventPoller } from './event-poller.js';
import { PushReceiver, type PushCodec } from './push-receiver.js';
import { callbackPath, type TransportConfig, type TransportDeps } from './transport-config.js';

/** A command's output as the contract's schema reads it. */
export type CommandOutputOf<C extends ContractCommand> = z.output<
  (typeof CONTRACT_OPERATIONS)[C]['output']
>;

/**
 * What every transport of the contract shares, whatever the technology: the six commands on top
 * of one `call` (checking that SUCCESS answers carry what they must), events by `EventPoller` or
 * by a `PushReceiver` exposed as `callback`, each sequence once per subscription. A technology
 * supplies `start` (load its description), `call`, its push codec and its HTTP teardown.
 */
export abstract class ContractTransport implements Transport {
  abstract readonly kind: string;
  readonly callback: HttpEndpoint | undefined;
  protected readonly clock: Clock;
  protected readonly logger: Logger;
  protected readonly metrics: Metrics;
  /** The operation map in force; `start()` loads the configured one. */
  protected map: OperationMap = REFERENCE_OPERATION_MAP;
  private readonly receiver: PushReceiver | undefined;
  private subscription: EventSubscription | undefined;

  protected constructor(
    protected readonly config: TransportConfig,
    deps: TransportDeps,
    technology: string,
  ) {
    this.clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({ transport: technology });
    this.metrics = deps.metrics ?? noopMetrics;
    const path = callbackPath(config);
    if (config.events.mode === 'push' && path !== undefined) {
      this.receiver = new PushReceiver(
        config.events.auth,
        config.connectorCode,
        this.pushCodec(),
        this.logger,
      );
      this.callback = this.receiver.endpoint(this.callbackEndpointPath(path));
    }
  }

  abstract start(): Promise<void>;

  /** Calls one command; resolves with the validated SUCCESS output, throws the contract's errors. */
  protected abstract call<C extends ContractCommand>(
    command: C,
    request: object,
    options?: CallOptions,
  ): Promise<CommandOutputOf<C>>;

  /** Reads and answers pushes in this technology (called once, from the constructor). */
  protected abstract pushCodec(): PushCodec;

  /** Where this technology's callback lives, below the callback URL's path. */
  protected abstract callbackEndpointPath(callbackUrlPath: string): string;

  /** Closes keep-alive connections. */
  protected abstract closeConnections(): Promise<void>;

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
    await this.closeConnections();
  }

  async openSession(
    request: CommandRequest<OpenSessionInput>,
    options?: CallOptions,
  ): Promise<OpenedSession> {
    const output = await this.call('openSession', request, options);
    if (output.sessionId === undefined || output.status === undefined) {
      throw new TransportCallError(
        'openSession',
        'bad-response',
        'SUCCESS without sessionId and status',
      );
    }
    return { sessionId: output.sessionId, status: output.status };
  }

  async sendMessage(
    request: CommandRequest<SendMessageInput>,
    options?: CallOptions,
  ): Promise<void> {
    await this.call('sendMessage', request, options);
  }

  async closeSession(
    request: CommandRequest<CloseSessionInput>,
    options?: CallOptions,
  ): Promise<void> {
    await this.call('closeSession', request, options);
  }

  async getSessionStatus(
    request: CommandRequest<GetSessionStatusInput>,
    options?: CallOptions,
  ): Promise<SessionStatus> {
    const output = await this.call('getSessionStatus', request, options);
    if (output.status === undefined)
      throw new TransportCallError('getSessionStatus', 'bad-response', 'SUCCESS without status');
    return output.status;
  }

  async pollEvents(
    request: CommandRequest<PollEventsInput>,
    options?: CallOptions,
  ): Promise<EventBatch> {
    const output = await this.call('pollEvents', request, options);
    return { events: output.events ?? [], lastSequence: output.lastSequence ?? 0 };
  }

  async ackEvents(request: CommandRequest<AckEventsInput>, options?: CallOptions): Promise<void> {
    await this.call('ackEvents', request, options);
  }

  async subscribe(handler: EventHandler, options?: SubscribeOptions): Promise<EventSubscription> {
    await this.subscription?.close();
    const events = this.config.events;
    const once = dedupeEvents(handler);
    const subscription =
      events.mode === 'poll'
        ? new EventPoller(this, once, this.clock, this.logger, {
            intervalMs: events.intervalMs,
            max: events.max,
            ...(options?.cursor ? { cursor: options.cursor } : {}),
          })
        : this.receiver?.subscribe(once);
    if (!subscription)
      throw new Error('push mode without a callback: events.callbackUrl is required');
    this.subscription = subscription;
    return subscription;
  }
}
