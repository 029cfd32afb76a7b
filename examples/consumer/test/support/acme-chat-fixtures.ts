import type { AdapterFixtures } from '@tvox-connector/testkit';
import { SIGNATURE_HEADER, signatureOf } from '../../src/index.js';

const WEBHOOK_SECRET = 'example-webhook-secret-0123456789';

/** Acme Chat webhooks as its app posts them, and how it signs them. */
export const ACME_CHAT_FIXTURES: AdapterFixtures & { readonly webhookSecret: string } = {
  webhookSecret: WEBHOOK_SECRET,
  conversationId: 'chat-42',
  textMessage: ({ id, text, sentAt }) =>
    JSON.stringify({
      type: 'message',
      id: `msg-${id}`,
      chatId: 'chat-42',
      from: { id: 'customer-7', name: 'Ada Lovelace' },
      text,
      sentAt: sentAt.toISOString(),
    }),
  unsupported: [
    {
      title: 'a reaction',
      body: JSON.stringify({
        type: 'reaction',
        messageId: 'msg-1',
        chatId: 'chat-42',
        emoji: '+1',
      }),
    },
  ],
  malformed: [JSON.stringify({ type: 'message', id: 'msg-1', chatId: 'chat-42' })],
  authenticate: (body) => ({ [SIGNATURE_HEADER]: signatureOf(body, WEBHOOK_SECRET) }),
  forge: (body) => ({ [SIGNATURE_HEADER]: signatureOf(body, 'not-the-webhook-secret-0123') }),
};
