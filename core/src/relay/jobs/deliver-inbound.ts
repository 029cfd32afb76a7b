import { RemoteRejectedError } from '../../errors/transport-errors.js';
import { applySessionInput } from '../../lifecycle/session-lifecycle.js';
import type { InboundMessage } from '../../model/inbound.js';
import type { CustomerMessage } from '../../profile/command-requests.js';
import type { EffectsCollector, RelayServices } from '../job-context.js';
import { readySession } from './ready-session.js';

/**
 * Sends one customer message to TVox: into the conversation's session, opening one first when it
 * has none (see `readySession`: the session is stored before TVox is asked, so a retry, a job run
 * again after its lease ran out, or a burst of them after an outage all resume the same one).
 * When TVox no longer knows the session (UNKNOWN_SESSION or SESSION_CLOSED), it is closed on our
 * side, a new one opened in its place, and the message sent again — once. In routing mode the
 * message itself stays with the connector: once the session is open it is `sent` (waiting for the
 * agent's desk), and TVox never sees its text.
 */
export async function deliverInbound(
  services: RelayServices,
  effects: EffectsCollector,
  ledgerId: string,
  jobId: string,
  message: InboundMessage,
): Promise<void> {
  const session = await readySession(services, effects, message, `open:${ledgerId}#${jobId}`);
  if (session.state.mode === 'routing') {
    // No message text goes to TVox in routing mode: the session is open, and the message waits
    // in the ledger for the agent's desk.
    effects.message({ id: ledgerId, state: 'sent', sessionKey: session.sessionKey });
    return;
  }
  const contractMessage = toContractMessage(ledgerId, message);
  try {
    await services.transport.sendMessage({
      session: { id: session.tvoxSessionId },
      message: contractMessage,
    });
    effects.message({ id: ledgerId, state: 'sent', sessionKey: session.sessionKey });
  } catch (error) {
    if (!isSessionGone(error)) throw error;
    services.logger.warn(
      {
        sessionKey: session.sessionKey,
        tvoxSessionId: session.tvoxSessionId,
        messageId: ledgerId,
        reason: (error as Error).message,
      },
      'TVox no longer has the session; opening a new one and sending the message again',
    );
    const gone = {
      ...session,
      state: applySessionInput(session.state, { type: 'unknownToTvox' }).state,
      updatedAt: services.clock.now(),
    };
    effects.session(gone);
    // Derived from the session it replaces, so that a run of this job again reopens the same one.
    const fresh = await readySession(
      services,
      effects,
      message,
      `reopen:${session.sessionKey}`,
      gone,
    );
    await services.transport.sendMessage({
      session: { id: fresh.tvoxSessionId },
      message: contractMessage,
    });
    effects.message({ id: ledgerId, state: 'sent', sessionKey: fresh.sessionKey });
  }
}

function isSessionGone(error: unknown): boolean {
  return (
    error instanceof RemoteRejectedError &&
    (error.meaning === 'unknown-session' || error.meaning === 'session-closed')
  );
}

function toContractMessage(ledgerId: string, message: InboundMessage): CustomerMessage {
  const text =
    message.editOf !== undefined && message.text !== undefined
      ? `(edited) ${message.text}`
      : message.text;
  return {
    id: ledgerId,
    ...(text === undefined ? {} : { text }),
    ...(message.attachments.length > 0 ? { attachments: message.attachments } : {}),
    sentAt: message.sentAt,
  };
}
