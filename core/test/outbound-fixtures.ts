import type { OutboundMessage } from '@tvox-connector/core';

/** An agent's message with nothing in it yet: specs give it a text, files, quick replies. */
export const agentMessage: OutboundMessage = {
  kind: 'message',
  messageId: 'm1',
  conversation: { channel: 'sms', id: '+39333' },
  origin: 'agent',
  attachments: [],
  quickReplies: [],
};
