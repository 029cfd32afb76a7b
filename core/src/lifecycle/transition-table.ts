import type { SessionStatus } from '../contract/enums.js';

/** The statuses a session can be in from the connector's point of view (`UNKNOW` means gone). */
export type LiveStatus = Exclude<SessionStatus, 'UNKNOW'>;

/**
 * A customer-facing change the relay turns into a notice (or not):
 * - `queued`: waiting for an agent
 * - `offered`: offered to an agent who has not accepted yet
 * - `agentJoined`: an agent took charge
 * - `agentChanged`: another agent took over (a transfer)
 * - `requeued`: back in the queue (offer timed out, agent released it)
 * - `closed`: ended, by TVox, the connector, or because TVox no longer knows it
 */
export type LifecycleChange =
  'queued' | 'offered' | 'agentJoined' | 'agentChanged' | 'requeued' | 'closed';

/**
 * What a reported status means from a given status: a change, `repeat` (same status again), or
 * `reject` (impossible: a step back to NEW, anything after CLOSED).
 */
export type TransitionRule = LifecycleChange | 'repeat' | 'reject';

/**
 * The whole session lifecycle, one row per current status, one column per reported status.
 *
 * TVox is the authority: statuses may skip steps (ASSIGNED straight after NEW) or move back for
 * real reasons (an offer that timed out, a transfer), and each of those is accepted. Only two
 * things are refused: returning to NEW, which is an initial status only, and leaving CLOSED,
 * which is terminal (a customer writing after CLOSED gets a new session instead).
 */
export const TRANSITIONS: Readonly<
  Record<LiveStatus, Readonly<Record<LiveStatus, TransitionRule>>>
> = {
  NEW: {
    NEW: 'repeat',
    QUEUED: 'queued',
    BOOKED: 'offered',
    ASSIGNED: 'agentJoined',
    CLOSED: 'closed',
  },
  QUEUED: {
    NEW: 'reject',
    QUEUED: 'repeat',
    BOOKED: 'offered',
    ASSIGNED: 'agentJoined',
    CLOSED: 'closed',
  },
  BOOKED: {
    NEW: 'reject',
    QUEUED: 'requeued',
    BOOKED: 'repeat',
    ASSIGNED: 'agentJoined',
    CLOSED: 'closed',
  },
  ASSIGNED: {
    NEW: 'reject',
    QUEUED: 'requeued',
    BOOKED: 'offered',
    ASSIGNED: 'repeat',
    CLOSED: 'closed',
  },
  CLOSED: {
    NEW: 'reject',
    QUEUED: 'reject',
    BOOKED: 'reject',
    ASSIGNED: 'reject',
    CLOSED: 'repeat',
  },
};

/**
 * A repeated status that names a different agent is a real change: the session was offered to
 * the next agent, or transferred to another one.
 */
export const REPEAT_WITH_OTHER_AGENT: Readonly<Partial<Record<LiveStatus, LifecycleChange>>> = {
  BOOKED: 'offered',
  ASSIGNED: 'agentChanged',
};

/** Statuses a session never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<LiveStatus> = new Set(['CLOSED']);
