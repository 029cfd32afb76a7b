import type { StatusFollowing } from '../../config/connector-config.js';
import { ErrorCode } from '../../errors/error-code.js';
import type { RemoteRejectedError } from '../../errors/transport-errors.js';
import { isTvoxError } from '../../errors/tvox-error.js';
import type { Clock } from '../../interfaces/clock.js';
import type { Logger } from '../../interfaces/logger.js';
import type { NewJob, SessionRecord, Store } from '../../interfaces/store.js';
import type { Transport } from '../../interfaces/transport.js';
import type { SessionStatusAnswer } from '../../profile/answers.js';
import { BackgroundLoop } from '../../runtime/background-loop.js';
import { statusReportJob, type StatusReport } from './status-report.js';
import { StatusSchedule } from './status-schedule.js';
import type { TokenBucket } from './token-bucket.js';

/** The store's name of the lease of the instance that follows routing sessions' statuses. */
export const STATUS_FOLLOWING = 'tvox:status:follow';

/** Sessions read from the store in one page. */
const PAGE = 500;

/** What the {@link StatusFollower} works with. */
export interface StatusFollowerDeps {
  readonly store: Pick<Store, 'listOpenSessions' | 'enqueue' | 'tryLead' | 'resign'>;
  readonly transport: Pick<Transport, 'getSessionStatus'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: StatusFollowing;
  /** The ceiling of calls per second to TVox this instance's routing calls share. */
  readonly calls: TokenBucket;
  /** This instance's name in the lease. */
  readonly owner: string;
  /** How long the lease holds without renewal; renewed every third of it. */
  readonly leaseMs: number;
  /** Called when reports were enqueued: the workers have work. */
  readonly onReports: () => void;
}

/**
 * Follows the status of routing-mode sessions by asking TVox (`getSessionStatus`), for releases
 * that push no events: adaptively (a session waiting for an agent often, an assigned one rarely,
 * see {@link StatusSchedule}), under the instance's ceiling of calls per second to TVox (a
 * {@link TokenBucket} it shares with the routing sessions' `startSession` calls), and from one instance at a time where several share the store
 * (the holder of the {@link STATUS_FOLLOWING} lease, as the event poller's). What TVox answers
 * that differs from the session's state is enqueued as a status report, applied by a worker
 * through the session lifecycle as events are (the notices to the customer come from there).
 */
export class StatusFollower {
  private readonly schedule: StatusSchedule;
  /** The status last reported per session, so that one change is reported once. */
  private readonly reported = new Map<string, string>();
  private readonly loop: BackgroundLoop;
  private leading = false;

  constructor(private readonly deps: StatusFollowerDeps) {
    this.schedule = new StatusSchedule(deps.config);
    const renewEveryMs = Math.max(1, Math.floor(deps.leaseMs / 3));
    // Often enough to ask a waiting session on time, and to renew the lease.
    const tickMs = Math.min(renewEveryMs, deps.config.waitingIntervalMs);
    this.loop = BackgroundLoop.start({
      name: 'following routing sessions',
      body: async ({ signal }) => {
        await this.round(signal, renewEveryMs);
        return tickMs;
      },
      backoff: { initialDelayMs: tickMs, maxDelayMs: Math.max(tickMs, renewEveryMs) },
      meanwhile: 'session statuses are not followed meanwhile',
      // A release without the (guessed) status query runs degraded: asking again changes nothing.
      onFailure: (error) =>
        isTvoxError(error) && error.code === ErrorCode.OperationUnavailable ? 'stop' : 'retry',
      clock: deps.clock,
      logger: deps.logger,
    });
  }

  /**
   * Why sessions are not being followed, when they are not: the status query failing (backing
   * off), or given up (the release has no status query); undefined while it works.
   */
  get trouble(): string | undefined {
    const state = this.loop.state;
    if (state.status === 'running') return undefined;
    if (state.status === 'backing-off') return `status queries failing: ${messageOf(state.error)}`;
    return state.error === undefined ? undefined : `given up: ${messageOf(state.error)}`;
  }

  /** Stops following, and gives the lease up so that another instance follows at once. */
  async close(): Promise<void> {
    await this.loop.stop();
    if (!this.leading) return;
    try {
      await this.deps.store.resign?.(STATUS_FOLLOWING, this.deps.owner);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'resigning the status following lease failed');
    }
  }

  /**
   * One round: takes or renews the lease; while leading, asks TVox the status of the sessions
   * due, for at most `budgetMs` (the lease must be renewed after it), and enqueues what changed.
   */
  private async round(signal: AbortSignal, budgetMs: number): Promise<void> {
    const { store, clock, logger, owner, leaseMs } = this.deps;
    const leading =
      store.tryLead === undefined || (await store.tryLead(STATUS_FOLLOWING, owner, leaseMs));
    if (leading !== this.leading) {
      logger.info(
        leading
          ? 'leading: this instance follows the routing sessions'
          : 'no longer leading: another instance follows the routing sessions',
      );
      this.leading = leading;
    }
    if (!leading) {
      this.schedule.clear();
      this.reported.clear();
      return;
    }
    const sessions = new Map((await this.routingSessions()).map((s) => [s.sessionKey, s]));
    const started = clock.now();
    this.schedule.sync(
      [...sessions.values()].map((s) => ({ sessionKey: s.sessionKey, status: s.state.status })),
      started,
    );
    for (const key of [...this.reported.keys()]) if (!sessions.has(key)) this.reported.delete(key);
    const reports: NewJob[] = [];
    try {
      for (const key of this.schedule.due(started)) {
        const session = sessions.get(key);
        if (session?.tvoxSessionId === undefined) continue;
        const waitMs = this.deps.calls.take();
        // The rest waits for the next round, after the lease is renewed.
        if (clock.now() + waitMs - started > budgetMs) break;
        if (waitMs > 0) await clock.sleep(waitMs, signal);
        const answer = await this.ask(session.tvoxSessionId, signal);
        this.schedule.asked(key, answer.status, clock.now());
        const report = this.changeOf(session, answer);
        if (report !== undefined) reports.push(statusReportJob(report));
      }
    } finally {
      // What was learnt before a failure is kept.
      if (reports.length > 0) {
        await store.enqueue(reports);
        this.deps.onReports();
      }
    }
  }

  /** Every open routing session TVox answered for, page by page. */
  private async routingSessions(): Promise<SessionRecord[]> {
    const all: SessionRecord[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.deps.store.listOpenSessions(after, PAGE);
      all.push(...page.filter((session) => session.state.mode === 'routing'));
      if (page.length < PAGE) return all;
      after = page.at(-1)?.sessionKey;
    }
  }

  /** The session's status; a session TVox refuses as unknown is `UNKNOW`, as it would answer. */
  private async ask(tvoxSessionId: string, signal: AbortSignal): Promise<SessionStatusAnswer> {
    try {
      return await this.deps.transport.getSessionStatus(
        { session: { id: tvoxSessionId } },
        { signal },
      );
    } catch (error) {
      if (isUnknownSession(error)) return { status: 'UNKNOW' };
      throw error;
    }
  }

  /** What TVox answered, when it differs from the session's state and was not reported yet. */
  private changeOf(session: SessionRecord, answer: SessionStatusAnswer): StatusReport | undefined {
    const agent = answer.agent;
    const same =
      answer.status === session.state.status &&
      (agent === undefined || agent.code === session.state.agent?.code);
    const fingerprint = JSON.stringify([answer.status, agent?.code]);
    if (same || this.reported.get(session.sessionKey) === fingerprint) return undefined;
    this.reported.set(session.sessionKey, fingerprint);
    return {
      sessionKey: session.sessionKey,
      status: answer.status,
      ...(agent === undefined ? {} : { agentCode: agent.code }),
      ...(agent?.name === undefined ? {} : { agentName: agent.name }),
      at: this.deps.clock.now(),
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether TVox refused a status query because it does not know the session (read by shape). */
function isUnknownSession(error: unknown): boolean {
  return (
    isTvoxError(error) &&
    error.code !== ErrorCode.OperationUnavailable &&
    (error as Partial<RemoteRejectedError>).meaning === 'unknown-session'
  );
}
