import { InboundGate } from './inbound-gate.js';
import { hostname } from 'node:os';
import {
  DEFAULT_PROFILE,
  RoutingConfig,
  type ChannelConfig,
  type RelayConfig,
} from '../config/connector-config.js';
import type { NoticesConfig } from '../config/notice-templates.js';
import type { TvoxEvent } from '../contract/events.js';
import { isConfigError } from '../errors/input-errors.js';
import { UnavailableError } from '../errors/store-error.js';
import { isRetryable } from '../errors/tvox-error.js';
import type { ChannelAdapter, InboundSink, SinkCursors } from '../interfaces/channel-adapter.js';
import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';
import type {
  DeadLetter,
  MessageQuery,
  MessageRecord,
  OutboxStats,
  SessionCount,
  Store,
} from '../interfaces/store.js';
import type { EventSubscription, Transport } from '../interfaces/transport.js';
import { InboundActivity, type InboundMessage } from '../model/inbound.js';
import type { UnreadableEvent } from '../profile/read-events.js';
import { noopMetrics } from '../runtime/noop-metrics.js';
import { parseInput } from '../runtime/parse-input.js';
import { silentLogger } from '../runtime/silent-logger.js';
import { SystemClock } from '../runtime/system-clock.js';
import { BackgroundLoop } from '../runtime/background-loop.js';
import { isCredentialsRefusal, probeCredentials } from '../transport/credentials-probe.js';
import { alertOnTvoxAuthFailure } from '../transport/tvox-auth-failures.js';
import { subscribeEvents } from './event-subscription.js';
import { StatusFollower } from './status/status-follower.js';
import { TokenBucket } from './status/token-bucket.js';
import { RetentionSweep, type RetentionTask } from './retention-sweep.js';
import { JobRunner } from './job-runner.js';
import { LicenceRefusals } from './licence-refusals.js';
import { resolveTvoxMode, receivesEvents, type TvoxModeSetting } from './tvox-mode.js';
import type { IntegrationMode } from '../profile/compiled-profile.js';
import { SessionIds, loadSessionIdKey } from './session-ids.js';
import { eventEntry, inboundEntry } from './store-entries.js';

/** What the relay is configured with (parts of the connector configuration). */
export interface RelayOptions {
  readonly channels: readonly ChannelConfig[];
  readonly relay: RelayConfig;
  readonly notices: NoticesConfig;
  /** Names this instance in job leases and the event poll lease; `hostname:pid` by default. */
  readonly instanceId?: string;
  /** Pause before looking for work again when none is ready. */
  readonly idleMs?: number;
  /**
   * The key session ids proposed to TVox are derived with; one is generated and kept in the
   * store when absent (see `SessionIds`).
   */
  readonly sessionIdKey?: string;
  /** `tvox.mode`: `auto` by default. */
  readonly mode?: TvoxModeSetting;
  /** `tvox.profile` as configured, to name it when the mode is refused. */
  readonly profile?: string;
  /** Routing mode's settings: the desk's URL, how sessions are followed. */
  readonly routing?: RoutingConfig;
}

/** What the relay works with. */
export interface RelayDeps {
  readonly store: Store;
  readonly transport: Transport;
  readonly adapters: readonly ChannelAdapter[];
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

const DEFAULT_IDLE_MS = 250;

/** An error's message, for a readiness line. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The cursor the readiness check writes, to know that the store takes writes. */
const READINESS_PROBE = 'tvox:readiness-probe';

/** How long the readiness check's write stands for the store's state. */
const READINESS_PROBE_EVERY_MS = 1_000;

/** One line of the relay's readiness: what was checked, whether it is fine, and why not. */
export interface ReadinessCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
  /**
   * Reported, but not deciding readiness: the instance still accepts durably while TVox or one
   * channel's own receiving is down, and taking it out of a load balancer then would stop the
   * webhooks whose buffering is the point.
   */
  readonly advisory?: true;
}

/** Whether `checks` say the instance is ready: every line that decides readiness is ok. */
export function isReady(checks: readonly ReadinessCheck[]): boolean {
  return checks.every((check) => check.ok || check.advisory === true);
}

/**
 * The durable relay between the networks and TVox. Inbound: an accepted customer message is
 * stored with its delivery job before `accept` resolves, then sent to TVox in order per
 * conversation, opening or reopening the session as needed. Events: stored (deduplicated on
 * sequence) before TVox is acknowledged, then applied in order per session: the lifecycle moves,
 * notices and agent messages are queued for the customer, in order per conversation. Failures are
 * retried with back-off; permanent ones end in the dead letters, which `replay` resends.
 */
export class Relay implements InboundSink {
  private readonly store: Store;
  private readonly transport: Transport;
  private readonly adapters: readonly ChannelAdapter[];
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly metrics: Metrics;
  private readonly runner: JobRunner;
  private readonly relayConfig: RelayConfig;
  private readonly instanceId: string;
  private readonly sessionIds = new SessionIds();
  private readonly licenceRefusals = new LicenceRefusals();
  private readonly sessionIdKey: string | undefined;
  private readonly modeSetting: TvoxModeSetting;
  private readonly profile: string;
  private readonly routing: RoutingConfig;
  /** The ceiling of calls per second to TVox for routing sessions, shared by their calls. */
  private readonly routingCalls: TokenBucket;
  /** The mode resolved at the first start that bound the release; it stays for the run. */
  private resolvedMode: IntegrationMode | undefined;
  private readonly stopping = new AbortController();
  private subscription: EventSubscription | undefined;
  private statusFollower: StatusFollower | undefined;
  private stopWatchingWork: (() => void) | undefined;
  /** Connecting in the background, after TVox could not be reached at start. */
  private connecting: BackgroundLoop | undefined;
  private retention: RetentionSweep | undefined;
  /** The latest readiness write, and when it was made. */
  private lastStoreCheck:
    { readonly at: number; readonly check: Promise<ReadinessCheck> } | undefined;
  private accepting = false;

  /** Adapters' durable positions (a poll offset), kept in the store as `adapter:<name>`. */
  readonly cursors: SinkCursors = {
    get: (name) => this.store.getCursor(`adapter:${name}`),
    set: (name, value) => this.store.setCursor(`adapter:${name}`, value),
  };

  constructor(options: RelayOptions, deps: RelayDeps) {
    this.store = deps.store;
    this.transport = deps.transport;
    this.adapters = deps.adapters;
    this.clock = deps.clock ?? new SystemClock();
    this.logger = deps.logger ?? silentLogger;
    this.metrics = deps.metrics ?? noopMetrics;
    this.relayConfig = options.relay;
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}`;
    this.sessionIdKey = options.sessionIdKey;
    this.modeSetting = options.mode ?? 'auto';
    this.profile = options.profile ?? DEFAULT_PROFILE;
    this.routing = options.routing ?? RoutingConfig.parse({});
    this.routingCalls = new TokenBucket(this.routing.maxCallsPerSecond, () => this.clock.now());
    this.runner = new JobRunner(
      {
        store: this.store,
        transport: this.transport,
        adapters: new Map(deps.adapters.map((a) => [a.channel, a])),
        channels: new Map(options.channels.map((c) => [c.id, c])),
        notices: options.notices,
        clock: this.clock,
        logger: this.logger,
        metrics: this.metrics,
        sessionIds: this.sessionIds,
        licenceRefusals: this.licenceRefusals,
        mode: () => this.mode,
        statusFollowing: this.routing.status,
        routingCalls: this.routingCalls,
        ...(this.routing.deskUrl === undefined ? {} : { deskUrl: this.routing.deskUrl }),
      },
      options.relay,
      this.instanceId,
      options.idleMs ?? DEFAULT_IDLE_MS,
      () => this.transport.health?.(),
    );
  }

  /**
   * Migrates the store, opens the door to the adapters' webhooks, then connects to TVox: starts
   * the transport (its contract check), then the adapters' own receiving (`start`: registering a
   * webhook, long polling), then the events and the workers. When TVox cannot be reached (a
   * retryable failure), the adapters start all the same, messages are accepted and stored, and
   * connecting goes on in the background with back-off; a permanent failure (a contract mismatch,
   * bad credentials) is thrown, and no adapter was started: a connector that refuses to start
   * has pointed no network at itself.
   */
  async start(): Promise<void> {
    await this.store.migrate();
    this.sessionIds.useKey(await loadSessionIdKey(this.store, this.sessionIdKey));
    // Work other instances enqueue (or events their callbacks stored) wakes this one's workers.
    this.stopWatchingWork = this.store.onWork?.(() => {
      this.runner.notify();
    });
    this.accepting = true;
    this.retention = new RetentionSweep(this.retentionTasks(), this.clock, this.logger);
    let unreachable: unknown;
    try {
      await this.startTransport();
    } catch (error) {
      if (!isRetryable(error)) return this.refuseStart(error);
      unreachable = error;
    }
    // Only once TVox took the connector, or is just unreachable: an adapter's start may point
    // its network at this connector (a webhook).
    await this.startAdapters().catch((error: unknown) => this.refuseStart(error));
    if (unreachable === undefined) {
      try {
        await this.subscribe();
      } catch (error) {
        if (!isRetryable(error)) return this.refuseStart(error);
        unreachable = error;
      }
    }
    if (unreachable === undefined) return;
    this.logger.warn(
      { err: unreachable },
      'TVox is not reachable; accepting messages and connecting in the background',
    );
    this.connecting = this.keepConnecting(unreachable);
  }

  /**
   * Stores what an adapter received; resolves once it is durable (only then may the network be
   * answered). Messages are deduplicated on the network's id; receipts update the ledger; typing
   * is not relayed (the contract has no customer typing). Throws `InvalidInputError` for an
   * invalid activity (nothing stored) and `UnavailableError` while stopped.
   */
  async accept(activities: readonly InboundActivity[]): Promise<void> {
    if (!this.accepting) throw new UnavailableError('the relay is not running');
    const checked = activities.map((a, i) =>
      parseInput(InboundActivity, a, `inbound activity ${i}`),
    );
    const messages = checked.filter((a): a is InboundMessage => a.kind === 'message');
    if (messages.length > 0) {
      const outcomes = await this.store.accept(
        messages.map((m) => inboundEntry(m, this.clock.now())),
      );
      messages.forEach((m, i) => {
        if (outcomes[i] === 'accepted') {
          this.metrics.increment('tvox_messages_accepted_total', {
            channel: m.conversation.channel,
            direction: 'inbound',
          });
        }
      });
      this.runner.notify();
    }
    for (const receipt of checked) {
      if (receipt.kind === 'receipt')
        await this.store.applyReceipts(
          receipt.conversation,
          receipt.networkMessageIds,
          receipt.status,
        );
    }
  }

  /** Stops accepting and events, lets the workers finish, then stops adapters, transport, store. */
  async stop(): Promise<void> {
    this.accepting = false;
    this.stopping.abort();
    await this.connecting?.stop();
    await this.subscription?.close();
    await this.statusFollower?.close();
    // Jobs in hand may still send through an adapter: stop adapters only once workers are done.
    await this.runner.stop();
    for (const adapter of this.adapters) await adapter.stop?.();
    await this.retention?.stop();
    await this.transport.stop();
    this.stopWatchingWork?.();
    await this.store.close();
    this.logger.info('relay stopped');
  }

  /**
   * What `/readyz` reports. Ready means "this instance can accept durably": the store takes a
   * write and the adapters accept messages. Reported beside, without deciding it (advisory):
   * whether TVox answers (see {@link tvoxStatus}), a line per channel whose adapter watches its
   * own receiving (a long poll stopped by a revoked token), and licence refusals.
   */
  async readiness(): Promise<ReadinessCheck[]> {
    return [
      await this.storeCheck(),
      this.tvoxStatus(),
      ...this.licenceChecks(),
      ...this.statusFollowingChecks(),
      ...this.channelChecks(),
      {
        name: 'adapters',
        ok: this.accepting,
        ...(this.accepting ? {} : { detail: 'the relay is not accepting messages' }),
      },
    ];
  }

  /**
   * Whether the store takes a write: a write, not a read, since a full disk or a read-only
   * database still answers reads. One write at most per {@link READINESS_PROBE_EVERY_MS}, shared
   * by the checks asked meanwhile: `/readyz` is public, and its callers must not make the store
   * write at their pace.
   */
  private storeCheck(): Promise<ReadinessCheck> {
    const now = this.clock.now();
    if (
      this.lastStoreCheck !== undefined &&
      now - this.lastStoreCheck.at < READINESS_PROBE_EVERY_MS
    )
      return this.lastStoreCheck.check;
    const check = this.store.setCursor(READINESS_PROBE, String(now)).then(
      (): ReadinessCheck => ({ name: 'store', ok: true }),
      (error: unknown): ReadinessCheck => ({
        name: 'store',
        ok: false,
        detail: `the store does not take writes: ${messageOf(error)}`,
      }),
    );
    this.lastStoreCheck = { at: now, check };
    return check;
  }

  /**
   * Whether TVox answers the connector, as the `tvox` line of readiness and the `tvox_up` gauge
   * say it: connected, its circuit closed, and the latest call answered. Advisory.
   */
  tvoxStatus(): ReadinessCheck {
    const line = { name: 'tvox', advisory: true } as const;
    if (this.subscription === undefined || this.isStopped()) {
      return { ...line, ok: false, detail: this.notConnected() };
    }
    const open = this.runner.circuit.state;
    if (open !== undefined) {
      return {
        ...line,
        ok: false,
        detail: `TVox has been failing since ${new Date(open.since).toISOString()} (${open.reason}); messages to it are held and probed with back-off`,
      };
    }
    const health = this.transport.health?.();
    if (health !== undefined && !health.up) {
      return {
        ...line,
        ok: false,
        detail: `calls to TVox have been failing since ${new Date(health.since).toISOString()}: ${health.detail ?? 'no answer'}`,
      };
    }
    return { ...line, ok: true };
  }

  /** Outbox depth per job kind and open sessions per status, for metrics. */
  async stats(): Promise<{ outbox: OutboxStats[]; sessions: SessionCount[] }> {
    const [outbox, sessions] = await Promise.all([
      this.store.outboxStats(),
      this.store.openSessionCounts(),
    ]);
    return { outbox, sessions };
  }

  /** Ledger messages matching `query`, newest first. */
  messages(query: MessageQuery): Promise<MessageRecord[]> {
    return this.store.listMessages(query);
  }

  /** Dead letters, oldest first. */
  deadLetters(limit?: number): Promise<DeadLetter[]> {
    return this.store.listDeadLetters(limit);
  }

  /**
   * Sends dead letters again (all of them, or the given job ids); resolves with how many. A TVox
   * event set aside as unreadable is read again with the profile loaded now, and goes back to the
   * dead letters with the new reason if it still cannot be read.
   */
  async replay(jobIds?: readonly string[]): Promise<number> {
    const ids = jobIds ?? (await this.store.listDeadLetters()).map((d) => d.job.id);
    let replayed = 0;
    for (const id of ids) if (await this.store.replayDeadLetter(id)) replayed += 1;
    this.runner.notify();
    return replayed;
  }

  /**
   * A line per channel TVox recently refused for lack of a licence. It does not fail readiness:
   * the instance still accepts durably, and the sessions are retried.
   */
  private licenceChecks(): ReadinessCheck[] {
    return this.licenceRefusals.recent(this.clock.now()).map(({ channel, at }) => ({
      name: `tvox licence ${channel}`,
      ok: true,
      detail: `TVox refused sessions with NO_LICENSE, last at ${new Date(at).toISOString()}: licences missing or all in use; retrying`,
    }));
  }

  /**
   * In routing mode without an event stream, whether sessions are followed: advisory, since the
   * connector still accepts and opens sessions, but customers hear nothing of the queue meanwhile.
   */
  private statusFollowingChecks(): ReadinessCheck[] {
    if (this.statusFollower === undefined) return [];
    const trouble = this.statusFollower.trouble;
    return [
      {
        name: 'tvox status following',
        ok: trouble === undefined,
        advisory: true,
        ...(trouble === undefined ? {} : { detail: trouble }),
      },
    ];
  }

  /**
   * A line per adapter that watches its own receiving (a long-polling loop); advisory, since the
   * other channels, and this one's webhooks, still accept.
   */
  private channelChecks(): ReadinessCheck[] {
    return this.adapters.flatMap((adapter) =>
      adapter.readiness
        ? [{ name: `channel ${adapter.channel}`, ...adapter.readiness(), advisory: true as const }]
        : [],
    );
  }

  /** What the store lets go of, and when: event sequences, and message payloads if configured. */
  private retentionTasks(): RetentionTask[] {
    const { eventRetentionDays, messagePayloadRetentionDays } = this.relayConfig;
    const tasks: RetentionTask[] = [
      {
        what: 'TVox event sequences',
        days: eventRetentionDays,
        prune: (before, limit) => this.store.pruneRecordedEvents(before, limit),
      },
    ];
    if (messagePayloadRetentionDays !== undefined)
      tasks.push({
        what: 'message payloads',
        days: messagePayloadRetentionDays,
        prune: (before, limit) => this.store.clearMessagePayloads(before, limit),
      });
    return tasks;
  }

  /** A call, so that checks after an `await` are not narrowed away by the compiler. */
  private isStopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Stops what `start` began, then throws `error`: the start is refused. */
  private async refuseStart(error: unknown): Promise<never> {
    await this.stop();
    throw error;
  }

  /** Starts each adapter's own receiving (webhook registration, long polling). */
  private async startAdapters(): Promise<void> {
    const observers = { logger: this.logger, metrics: this.metrics };
    for (const adapter of this.adapters)
      await adapter.start?.(new InboundGate(adapter, this, observers));
  }

  /** Connects to TVox: the transport, then the events and the workers. */
  private async connect(): Promise<void> {
    await this.startTransport();
    await this.subscribe();
  }

  /**
   * The mode new sessions open in: resolved at start from `tvox.mode` and the bound release
   * (`relay` until then, the only mode sessions stored before it know).
   */
  get mode(): IntegrationMode {
    return this.resolvedMode ?? 'relay';
  }

  /**
   * Starts the transport, which checks TVox's contract, resolves the mode once (a setting the
   * release cannot serve is refused, see `resolveTvoxMode`), and checks the credentials.
   */
  private async startTransport(): Promise<void> {
    await this.transport.start();
    // Permanent: start() stops the relay, and the transport with it.
    this.resolvedMode ??= resolveTvoxMode(this.modeSetting, {
      profile: this.profile,
      operations: this.transport.operations,
      eventMode: this.transport.eventMode,
    });
    await this.checkCredentials();
  }

  /**
   * Subscribes to TVox's events, where the release has an event stream the connector receives,
   * and starts the workers.
   */
  private async subscribe(): Promise<void> {
    const events = receivesEvents(this.transport);
    this.subscription = events ? await this.subscribeEvents() : { close: () => Promise.resolve() };
    // Without an event stream, routing sessions' statuses are asked of TVox.
    if (!events && !this.transport.operations.has('getSessionStatus'))
      this.logger.warn(
        'this TVox release has no status query and sends no events: routing sessions are not followed, and customers hear nothing of the queue, the agent or the close',
      );
    if (!events && this.transport.operations.has('getSessionStatus'))
      this.statusFollower = new StatusFollower({
        store: this.store,
        transport: this.transport,
        clock: this.clock,
        logger: this.logger,
        config: this.routing.status,
        calls: this.routingCalls,
        owner: this.instanceId,
        leaseMs: this.relayConfig.leaseMs,
        onReports: () => {
          this.runner.notify();
        },
      });
    this.runner.start();
    this.logger.info(
      {
        adapters: this.adapters.map((a) => a.channel),
        transport: this.transport.kind,
        mode: this.mode,
      },
      'relay connected to TVox',
    );
  }

  private subscribeEvents(): Promise<EventSubscription> {
    return subscribeEvents(
      {
        store: this.store,
        transport: this.transport,
        clock: this.clock,
        logger: this.logger,
        owner: this.instanceId,
        leaseMs: this.relayConfig.leaseMs,
      },
      (events, unreadable) => this.recordEvents(events, unreadable),
    );
  }

  /**
   * Learns whether TVox takes the connector's credentials before anything is sent (see
   * `probeCredentials`). A refusal is thrown: at start it is permanent, and the connector refuses
   * to start saying so; connecting in the background, it is retried and alerted (a password may
   * be rotating). Any other failure of the question is left to the calls that follow.
   */
  private async checkCredentials(): Promise<void> {
    try {
      await probeCredentials(this.transport);
    } catch (error) {
      if (isCredentialsRefusal(error)) throw error;
      this.logger.warn(
        { err: error },
        'TVox did not answer the credentials check; the first calls will tell',
      );
    }
  }

  /**
   * Connects in the background, after `firstFailure` at start, until it works or the relay
   * stops. Every failure is retried with the relay's back-off, TVox refusing the credentials
   * alerted too, except a configuration TVox cannot serve (say, a release that carries no
   * messages): trying again changes nothing, and readiness says why.
   */
  private keepConnecting(firstFailure: unknown): BackgroundLoop {
    const alertOnAuthFailure = alertOnTvoxAuthFailure(this.metrics);
    return BackgroundLoop.start({
      name: 'connecting to TVox',
      body: async () => {
        await this.connect();
        return 'done';
      },
      backoff: this.relayConfig,
      onFailure: (error) => (isConfigError(error) ? 'stop' : alertOnAuthFailure(error)),
      afterFailure: firstFailure,
      clock: this.clock,
      logger: this.logger,
    });
  }

  /** Why the relay is not connected to TVox, from where connecting is. */
  private notConnected(): string {
    const state = this.connecting?.state;
    if (state?.status === 'stopped' && state.error !== undefined) {
      return `TVox cannot be used with this configuration: ${messageOf(state.error)}`;
    }
    const waiting = 'not connected to TVox yet; retrying in the background';
    return state?.status === 'backing-off' ? `${waiting} (${messageOf(state.error)})` : waiting;
  }

  /**
   * Stores what TVox delivered before it is acknowledged: the events, each with its job, and the
   * events the profile could not read, set aside as dead letters with their raw payload (counted
   * once each), so that one bad event never holds back the rest of its batch.
   */
  private async recordEvents(
    events: readonly TvoxEvent[],
    unreadable: readonly UnreadableEvent[],
  ): Promise<void> {
    // Pushes may arrive out of sequence: held a moment, an event can still be overtaken by an
    // earlier one pushed late. Polled batches come in sequence and never wait.
    const notBefore =
      this.transport.eventMode === 'push'
        ? this.clock.now() + this.relayConfig.eventReorderWindowMs
        : undefined;
    const { restarted } = await this.store.recordEvents(
      events.map((event) => eventEntry(event, notBefore)),
    );
    if (restarted.length > 0) {
      this.metrics.increment('tvox_event_stream_restarts_total', { signal: 'sequence' });
      this.logger.warn(
        {
          sequences: restarted.map((e) => e.sequence),
          sessionIds: restarted.map((e) => e.sessionId),
        },
        'TVox gave event sequences again to other events: its event stream started again (its state was reset); the events are applied',
      );
    }
    if (unreadable.length > 0) {
      const setAside = await this.store.setAsideEvents(unreadable);
      if (setAside > 0) this.metrics.increment('tvox_events_unreadable_total', {}, setAside);
      for (const event of unreadable) {
        this.logger.error(
          { sequence: event.sequence, reason: event.reason },
          'a TVox event could not be read; it is kept in the dead letters and the others applied',
        );
      }
    }
    this.runner.notify();
  }
}
