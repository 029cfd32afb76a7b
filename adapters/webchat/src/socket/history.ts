import { InboundMessage, OutboundMessage, type MessageRecord } from '@tvox-connector/core';
import type { MessageFrame } from './server-frame.js';

/** An outbound ledger message (an agent's, or a notice) as the widget shows it. */
export function outboundFrame(message: OutboundMessage, at: number): MessageFrame {
  return {
    type: 'message',
    id: message.messageId,
    origin: message.origin,
    ...(message.agent?.name === undefined ? {} : { agentName: message.agent.name }),
    ...(message.text === undefined ? {} : { text: message.text }),
    attachments: message.attachments,
    quickReplies: message.quickReplies,
    at,
  };
}

/** A visitor's ledger message as the widget shows it: under the client id the widget gave it. */
export function inboundFrame(message: InboundMessage, at: number): MessageFrame {
  return {
    type: 'message',
    id: message.networkMessageId,
    origin: 'visitor',
    ...(message.text === undefined ? {} : { text: message.text }),
    attachments: message.attachments,
    quickReplies: [],
    at,
  };
}

function frameOf(record: MessageRecord): MessageFrame | undefined {
  if (record.direction === 'inbound') {
    const message = InboundMessage.safeParse(record.payload);
    return message.success ? inboundFrame(message.data, record.acceptedAt) : undefined;
  }
  const message = OutboundMessage.safeParse(record.payload);
  return message.success ? outboundFrame(message.data, record.acceptedAt) : undefined;
}

/**
 * What a (re)connecting widget is sent from the ledger, oldest first: every message of the
 * conversation in `records` (newest first, as the ledger lists them) except failed ones; from
 * the message `after` on when the widget names the last one it showed and it is among them
 * (messages accepted in the same millisecond are included again: the widget drops what it has).
 */
export function historyFrames(records: readonly MessageRecord[], after?: string): MessageFrame[] {
  const frames = [...records]
    .reverse()
    .filter((r) => r.state !== 'failed')
    .map(frameOf)
    .filter((f): f is MessageFrame => f !== undefined);
  const last = after === undefined ? undefined : frames.find((f) => f.id === after);
  return last === undefined ? frames : frames.filter((f) => f.at >= last.at);
}
