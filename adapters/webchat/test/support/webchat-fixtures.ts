import { SystemClock } from '@tvox-connector/core';
import type { AdapterFixtures } from '@tvox-connector/testkit';
import { VisitorTokens } from '@tvox-connector/adapter-webchat';
import { SECRET } from './webchat-harness.js';

/** The visitor the fixtures write as; a visitor's id is their conversation's id. */
export const VISITOR_ID = 'v-3b7e2c1a-5d4f-4e8b-9a6c-0f1e2d3c4b5a';

const tokensSignedWith = (secret: string) => new VisitorTokens(secret, 365, new SystemClock());

/** The visitor's token, as `POST /visitor` issues it and the widget keeps it. */
export const VISITOR_TOKEN = tokensSignedWith(SECRET).issue({ id: VISITOR_ID });

/** The visitor's token signed with another secret. */
const OTHER_SECRET_TOKEN = tokensSignedWith('another-channel-secret-0123456789abcdef').issue({
  id: VISITOR_ID,
});
/** The visitor's id under the signature of another visitor's genuine token. */
const BORROWED_SIGNATURE_TOKEN = [
  VISITOR_TOKEN.split('.')[0],
  tokensSignedWith(SECRET).issue({ id: 'v-another-visitor' }).split('.')[1],
].join('.');

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Bodies of the web chat's HTTP message endpoint (`POST /messages`), which takes the visitor
 * frames the socket does, as the widget writes them, with the visitor token as a bearer header.
 * The suite posts them to the adapter's `verify` and `parse` mounted as core mounts a webhook;
 * `POST /messages` and the socket go through the same two.
 */
export const WEBCHAT_FIXTURES: AdapterFixtures = {
  conversationId: VISITOR_ID,
  // The widget's client ids are 32 hex digits; its frames carry no time.
  textMessage: ({ id, text }) =>
    JSON.stringify({
      type: 'message',
      clientId: String(id).padStart(32, '0'),
      text,
      locale: 'it-IT',
    }),
  sendTime: 'receipt',
  unsupported: [
    {
      title: 'visitor typing (core relays no customer typing)',
      body: JSON.stringify({ type: 'typing' }),
    },
    {
      title: 'a read receipt (it moves ledger messages, and is no message)',
      body: JSON.stringify({ type: 'receipt', status: 'read', ids: ['out:s-1:1'] }),
    },
  ],
  malformed: [
    JSON.stringify(null),
    JSON.stringify([{ type: 'message', clientId: 'a1', text: 'in an array' }]),
    JSON.stringify({ type: 'hello', token: VISITOR_TOKEN }),
    JSON.stringify({ type: 'message', clientId: 'a1' }),
    JSON.stringify({ type: 'message', clientId: 'not an id!', text: 'hi' }),
    JSON.stringify({ type: 'message', clientId: 'a1', text: 'x'.repeat(4001) }),
    JSON.stringify({ type: 'message', clientId: 'a1', text: 'hi', attachments: ['forged-file'] }),
    JSON.stringify({ type: 'receipt', status: 'seen', ids: ['out:s-1:1'] }),
  ],
  authenticate: () => bearer(VISITOR_TOKEN),
  // Both forgeries, chosen by the body, so that the fuzzing tries each.
  forge: (body) => bearer(body.length % 2 === 0 ? OTHER_SECRET_TOKEN : BORROWED_SIGNATURE_TOKEN),
};
