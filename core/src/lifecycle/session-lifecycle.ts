import { z } from 'zod';
import { SessionStatus } from '../contract/enums.js';
import { Sequence } from '../contract/events.js';
import type { AgentRef } from '../model/outbound.js';
import type { IntegrationMode } from '../profile/compiled-profile.js';
import { NonEmptyString } from '../model/primitives.js';
import {
  REPEAT_WITH_OTHER_AGENT,
  TERMINAL_STATUSES,
  TRANSITIONS,
  type LifecycleChange,
  type LiveStatus,
} from './transition-table.js';

/** The connector's view of one TVox session. */
export interface SessionState {
  readonly status: LiveStatus;
  /** Sequence of the last status event applied; 0 before any. Older events are stale. */
  readonly statusSequence: number;
  /** The agent the session is offered or assigned to (kept after CLOSED for the close notice). */
  readonly agent?: AgentRef;
  /** Why the session closed, when it is CLOSED and a reason is known. */
  readonly closeReason?: string;
  /**
   * The mode the session was opened in, recorded once so that a TVox upgrade never moves a live
   * conversation to the other mode; absent on sessions stored before routing mode existed, which
   * are relay sessions.
   */
  readonly mode?: IntegrationMode;
}

/** Close reason recorded when TVox reports it no longer knows the session. */
export const UNKNOWN_TO_TVOX = 'unknown to TVox';

/**
 * What can move a session:
 * - `statusChanged`: a TVox event (a `StatusChangedEvent` is accepted as it is)
 * - `statusReported`: the answer of `openSession` or `getSessionStatus` (no sequence: "as of now")
 * - `closedByConnector`: the connector closed the session successfully
 * - `unknownToTvox`: TVox answered UNKNOWN_SESSION to a command on this session
 */
export const LifecycleInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('statusChanged'),
    sequence: Sequence,
    status: SessionStatus,
    agentCode: NonEmptyString.optional(),
    agentName: NonEmptyString.optional(),
    reason: z.string().optional(),
  }),
  z.object({
    type: z.literal('statusReported'),
    status: SessionStatus,
    /** The agent the session is booked or assigned to, where the release reports it. */
    agentCode: NonEmptyString.optional(),
    agentName: NonEmptyString.optional(),
  }),
  z.object({ type: z.literal('closedByConnector'), reason: z.string().optional() }),
  z.object({ type: z.literal('unknownToTvox') }),
]);
/** What can move a session. */
export type LifecycleInput = z.infer<typeof LifecycleInput>;

/** Why an input left the session as it was. */
export type IgnoredReason =
  /** Its sequence is not newer than the last status event applied (includes exact duplicates). */
  | 'stale'
  /** The session is CLOSED, which is terminal. */
  | 'terminal'
  /** The move is impossible per the transition table (back to NEW). */
  | 'rejected'
  /** The same status again, with the same agent. */
  | 'unchanged'
  /** The input is not a valid lifecycle input at all. */
  | 'invalid';

/** The result of applying one input: the new state, and the change or why there was none. */
export type LifecycleOutcome =
  | { readonly kind: 'changed'; readonly state: SessionState; readonly change: LifecycleChange }
  | { readonly kind: 'ignored'; readonly state: SessionState; readonly reason: IgnoredReason };

/** The state of a session just opened, from the status `openSession` answered, in `mode`. */
export function openedSessionState(reported: SessionStatus, mode?: IntegrationMode): SessionState {
  return applySessionInput(
    { status: 'NEW', statusSequence: 0, ...(mode === undefined ? {} : { mode }) },
    { type: 'statusReported', status: reported },
  ).state;
}

/**
 * Applies one input to a session state. Pure and total: it never throws, whatever `input` is,
 * and never mutates `state`. The rules live in {@link TRANSITIONS}; this function only reads them.
 */
export function applySessionInput(state: SessionState, input: unknown): LifecycleOutcome {
  const parsed = LifecycleInput.safeParse(input);
  if (!parsed.success) return { kind: 'ignored', state, reason: 'invalid' };
  const event = parsed.data;

  if (event.type === 'statusChanged' && event.sequence <= state.statusSequence) {
    return { kind: 'ignored', state, reason: 'stale' };
  }
  const report = toReport(event);
  const sequence = event.type === 'statusChanged' ? event.sequence : state.statusSequence;
  const rule = TRANSITIONS[state.status][report.status];

  if (rule === 'reject') {
    const reason = TERMINAL_STATUSES.has(state.status) ? 'terminal' : 'rejected';
    return { kind: 'ignored', state, reason };
  }
  if (rule === 'repeat') {
    const change = isOtherAgent(state.agent, report.agent)
      ? REPEAT_WITH_OTHER_AGENT[report.status]
      : undefined;
    const next = { ...state, statusSequence: sequence, ...(change ? { agent: report.agent } : {}) };
    if (change === undefined) return { kind: 'ignored', state: next, reason: 'unchanged' };
    return { kind: 'changed', state: next, change };
  }
  return { kind: 'changed', state: nextState(state, report, sequence), change: rule };
}

interface StatusReport {
  readonly status: LiveStatus;
  readonly agent?: AgentRef;
  readonly reason?: string;
}

/** Normalises every input to "TVox says the session is now X"; UNKNOW means it is gone. */
function toReport(input: LifecycleInput): StatusReport {
  switch (input.type) {
    case 'statusChanged': {
      const status = input.status === 'UNKNOW' ? 'CLOSED' : input.status;
      const agent = input.agentCode
        ? { code: input.agentCode, ...(input.agentName ? { name: input.agentName } : {}) }
        : undefined;
      const reason = input.status === 'UNKNOW' ? UNKNOWN_TO_TVOX : input.reason;
      return { status, ...(agent ? { agent } : {}), ...(reason ? { reason } : {}) };
    }
    case 'statusReported': {
      if (input.status === 'UNKNOW') return { status: 'CLOSED', reason: UNKNOWN_TO_TVOX };
      const agent = input.agentCode
        ? { code: input.agentCode, ...(input.agentName ? { name: input.agentName } : {}) }
        : undefined;
      return { status: input.status, ...(agent ? { agent } : {}) };
    }
    case 'closedByConnector':
      return { status: 'CLOSED', ...(input.reason ? { reason: input.reason } : {}) };
    case 'unknownToTvox':
      return { status: 'CLOSED', reason: UNKNOWN_TO_TVOX };
  }
}

function nextState(state: SessionState, report: StatusReport, sequence: number): SessionState {
  // Who holds the session: the reported agent when offered or assigned; nobody once back in the
  // queue; the last one when closed, so the close notice can name them.
  const agent =
    report.status === 'CLOSED'
      ? state.agent
      : report.status === 'QUEUED'
        ? undefined
        : (report.agent ?? state.agent);
  return {
    status: report.status,
    statusSequence: sequence,
    ...(agent ? { agent } : {}),
    ...(report.status === 'CLOSED' && report.reason ? { closeReason: report.reason } : {}),
    ...(state.mode === undefined ? {} : { mode: state.mode }),
  };
}

function isOtherAgent(current: AgentRef | undefined, reported: AgentRef | undefined): boolean {
  return reported !== undefined && reported.code !== current?.code;
}
