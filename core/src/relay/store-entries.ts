import type { TvoxEvent } from '../contract/events.js';
import type { AcceptEntry, EventEntry } from '../interfaces/store.js';
import type { InboundMessage } from '../model/inbound.js';
import { ledgerIds, lanes } from './lanes.js';

/**
 * What the relay stores for a customer message before the network is answered: the ledger
 * message and its `deliverInbound` job, in the conversation's inbound lane.
 */
export function inboundEntry(message: InboundMessage, acceptedAt: number): AcceptEntry {
  const id = ledgerIds.inbound(message.conversation, message.networkMessageId);
  return {
    message: {
      id,
      direction: 'inbound',
      conversation: message.conversation,
      networkMessageIds: [message.networkMessageId],
      payload: message,
      acceptedAt,
    },
    job: {
      kind: 'deliverInbound',
      lane: lanes.inbound(message.conversation),
      messageId: id,
      payload: message,
    },
  };
}

/**
 * What the relay stores for a TVox event before TVox is acknowledged: the event and its
 * `applyEvent` job, in the events lane of its session id, ordered there by its sequence (pushed
 * events may arrive out of sequence), and held until `notBefore` when given.
 */
export function eventEntry(event: TvoxEvent, notBefore?: number): EventEntry {
  return {
    event,
    job: {
      kind: 'applyEvent',
      lane: lanes.events(event.sessionId),
      order: event.sequence,
      payload: event,
      ...(notBefore === undefined ? {} : { notBefore }),
    },
  };
}
