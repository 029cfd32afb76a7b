import type { AcceptEntry } from '@tvox-connector/core';

/** An inbound message `id` of conversation `webchat:c1` with its delivery job on `lane`. */
export function inbound(
  id: string,
  payload: unknown = { text: id },
  lane = 'in:webchat:c1',
): AcceptEntry {
  const conversation = { channel: 'webchat', id: 'c1' };
  return {
    message: {
      id,
      direction: 'inbound',
      conversation,
      networkMessageIds: [id],
      payload,
      acceptedAt: 1,
    },
    job: { kind: 'deliverInbound', lane, messageId: id, payload },
  };
}
