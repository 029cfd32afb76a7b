import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';
import type {
  AcceptEntry,
  JobEffects,
  MessageUpdate,
  SessionRecord,
  Store,
} from '../interfaces/store.js';
import type { Transport } from '../interfaces/transport.js';
import type { ChannelAdapter } from '../interfaces/channel-adapter.js';
import type { ChannelConfig, StatusFollowing } from '../config/connector-config.js';
import type { NoticesConfig } from '../config/notice-templates.js';
import type { IntegrationMode } from '../profile/compiled-profile.js';
import type { LicenceRefusals } from './licence-refusals.js';
import type { TokenBucket } from './status/token-bucket.js';
import type { SessionIds } from './session-ids.js';

/** What a job handler knows of the attempt it runs in. */
export interface JobAttempt {
  /** The previous attempt ended with no outcome recorded (see `Job.interrupted`). */
  readonly interrupted: boolean;
  /**
   * Resolves while the job is still this worker's; throws once another worker took it over.
   * Called before each call out of the connector that a repeat would show twice.
   */
  confirm(): Promise<void>;
}

/** What every job handler works with. */
export interface RelayServices {
  readonly store: Store;
  readonly transport: Transport;
  readonly adapters: ReadonlyMap<string, ChannelAdapter>;
  readonly channels: ReadonlyMap<string, ChannelConfig>;
  readonly notices: NoticesConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Chooses the session ids proposed to TVox. */
  readonly sessionIds: SessionIds;
  /** Where `NO_LICENSE` refusals are noted, for readiness. */
  readonly licenceRefusals: LicenceRefusals;
  /** The mode new sessions are opened in, resolved at start (see `resolveTvoxMode`). */
  readonly mode: () => IntegrationMode;
  /** The agent desk's URL, the base of a routing session's link (`routing.deskUrl`). */
  readonly deskUrl?: string;
  /** How routing sessions' statuses are followed (`routing.status`). */
  readonly statusFollowing: StatusFollowing;
  /** The ceiling of calls per second to TVox for routing sessions (`routing.maxCallsPerSecond`). */
  readonly routingCalls: TokenBucket;
}

/**
 * The effects a job gathers while it runs. They are committed with the job's outcome, whatever
 * it is: a session opened before a failed send is kept on retry, so the retry reuses it. Sessions
 * given with {@link sessionIfDeadLettered} are stored only should the job fail for good.
 */
export class EffectsCollector {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly sessionsIfDeadLettered = new Map<string, SessionRecord>();
  private readonly messages: MessageUpdate[] = [];
  private readonly accepted: AcceptEntry[] = [];

  session(record: SessionRecord): void {
    this.sessions.set(record.sessionKey, record);
  }

  /** A session to store, over any other record of it, only if the job goes to the dead letters. */
  sessionIfDeadLettered(record: SessionRecord): void {
    this.sessionsIfDeadLettered.set(record.sessionKey, record);
  }

  message(update: MessageUpdate): void {
    this.messages.push(update);
  }

  accept(entry: AcceptEntry): void {
    this.accepted.push(entry);
  }

  effects(): JobEffects {
    return {
      ...(this.sessions.size > 0 ? { sessions: [...this.sessions.values()] } : {}),
      ...(this.messages.length > 0 ? { messages: [...this.messages] } : {}),
      ...(this.accepted.length > 0 ? { accept: [...this.accepted] } : {}),
    };
  }

  /** The effects to commit with the job's dead letter. */
  deadLetterEffects(): JobEffects {
    const sessions = new Map([...this.sessions, ...this.sessionsIfDeadLettered]);
    return {
      ...this.effects(),
      ...(sessions.size > 0 ? { sessions: [...sessions.values()] } : {}),
    };
  }
}
