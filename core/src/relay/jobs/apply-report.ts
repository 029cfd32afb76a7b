import { applySessionInput } from '../../lifecycle/session-lifecycle.js';
import type { SessionRecord } from '../../interfaces/store.js';
import { InboundMessage } from '../../model/inbound.js';
import type { EffectsCollector, RelayServices } from '../job-context.js';
import { ledgerIds } from '../lanes.js';
import type { StatusReport } from '../status/status-report.js';
import { moveSession } from './move-session.js';
import { readySession } from './ready-session.js';

/**
 * Applies a status TVox answered for a followed routing session, through the session lifecycle
 * as an event is, with the notice it means for the customer (queued, agent joined, closed). A
 * session closed meanwhile is left as it is.
 *
 * UNKNOW means TVox no longer knows the session, which after a TVox restart is every session at
 * once: rather than close every conversation, a session whose customer wrote within
 * `reopenIfActiveWithinMs` is opened again in TVox quietly (a new session in its place, the
 * customer told nothing); only the others are closed, with the close notice.
 */
export async function applyReport(
  services: RelayServices,
  effects: EffectsCollector,
  report: StatusReport,
  jobId: string,
): Promise<void> {
  const session = await services.store.getSession(report.sessionKey);
  if (session === undefined || session.state.status === 'CLOSED') return;
  if (report.status === 'UNKNOW') {
    const latest = await latestCustomerMessage(services, session, report.at);
    if (latest !== undefined) return reopenQuietly(services, effects, session, latest);
  }
  await moveSession(
    services,
    effects,
    session,
    {
      type: 'statusReported',
      status: report.status,
      ...(report.agentCode === undefined ? {} : { agentCode: report.agentCode }),
      ...(report.agentName === undefined ? {} : { agentName: report.agentName }),
    },
    ledgerIds.reportNotice(session.sessionKey, jobId),
  );
}

/**
 * The customer's latest message in the conversation when it is recent enough to reopen the
 * session for (accepted within `reopenIfActiveWithinMs` before TVox's answer), with its payload.
 */
async function latestCustomerMessage(
  services: RelayServices,
  session: SessionRecord,
  answeredAt: number,
): Promise<InboundMessage | undefined> {
  const [latest] = await services.store.listMessages({
    conversation: session.conversation,
    direction: 'inbound',
    limit: 1,
  });
  if (latest === undefined) return undefined;
  if (answeredAt - latest.acceptedAt > services.statusFollowing.reopenIfActiveWithinMs)
    return undefined;
  // A message past its payload's retention has none: nothing to open a session from.
  const parsed = InboundMessage.safeParse(latest.payload);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Closes the session TVox lost without a notice and opens a new one in its place, taken as queued
 * (what TVox reports next is told as usual: an agent joining, say).
 */
async function reopenQuietly(
  services: RelayServices,
  effects: EffectsCollector,
  session: SessionRecord,
  latest: InboundMessage,
): Promise<void> {
  services.logger.warn(
    { sessionKey: session.sessionKey, tvoxSessionId: session.tvoxSessionId },
    'TVox no longer knows a session whose customer wrote recently; opening a new one quietly',
  );
  const gone = {
    ...session,
    state: applySessionInput(session.state, { type: 'unknownToTvox' }).state,
    updatedAt: services.clock.now(),
  };
  effects.session(gone);
  // Derived from the session it replaces, so that a run of this job again reopens the same one.
  const fresh = await readySession(services, effects, latest, `reopen:${session.sessionKey}`, gone);
  // Taken as queued already: the customer heard of the queue once, and is not told again.
  effects.session({
    ...fresh,
    state: applySessionInput(fresh.state, { type: 'statusReported', status: 'QUEUED' }).state,
    updatedAt: services.clock.now(),
  });
}
