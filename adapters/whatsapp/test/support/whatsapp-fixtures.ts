import type { AdapterFixtures } from '@tvox-connector/testkit';
import { HUB_SIGNATURE_HEADER, hubSignature } from '@tvox-connector/meta-graph';
import type { WhatsAppSettingsInput } from '@tvox-connector/adapter-whatsapp';

/**
 * Webhook notifications shaped as Meta's WhatsApp Cloud API webhook reference shows them
 * (`object: "whatsapp_business_account"`, `entry[].changes[]` of the `messages` field, whose
 * `value` has `metadata`, `contacts[]` and `messages[]` or `statuses[]`), signed with
 * `X-Hub-Signature-256` as Meta signs.
 */

export const APP_SECRET = '5f4e3d2c1b0a99887766554433221100';
export const VERIFY_TOKEN = 'tvox-whatsapp-verify-7';
export const MEDIA_SECRET = 'whatsapp-media-links-secret-of-32-characters';
export const WABA_ID = '102290129340398';

/** The channel's two business phone numbers (their ids), with their access tokens. */
export const PHONE_NUMBER_ID = '106540352242922';
export const OTHER_PHONE_NUMBER_ID = '106540352299999';
export const NUMBER_TOKENS: Readonly<Record<string, string>> = {
  [PHONE_NUMBER_ID]: 'EAAJwhatsapp-number-one-token-01',
  [OTHER_PHONE_NUMBER_ID]: 'EAAJwhatsapp-number-two-token-02',
};

/** The customer's WhatsApp id (their phone number), and their conversation id in core. */
export const WA_ID = '393471234567';
export const CONVERSATION_ID = `${PHONE_NUMBER_ID}-${WA_ID}`;

/** Settings of a channel answering for both numbers, against `apiRoot` (a fake Graph API). */
export function whatsappSettings(
  apiRoot: string,
  publicUrl: string,
  more: Partial<WhatsAppSettingsInput> = {},
): WhatsAppSettingsInput {
  return {
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    phoneNumbers: Object.fromEntries(
      Object.entries(NUMBER_TOKENS).map(([id, accessToken]) => [id, { accessToken }]),
    ),
    graph: { apiRoot, version: 'v21.0' },
    publicUrl,
    mediaLinks: { secret: MEDIA_SECRET },
    ...more,
  };
}

/** One of `messages[]` or `statuses[]`. */
export type EventBody = Record<string, unknown>;

/** A customer's message of `type`, with that type's object. */
export const message = (
  id: string,
  seconds: number,
  type: string,
  content: Record<string, unknown>,
  from = WA_ID,
): EventBody => ({ from, id, timestamp: String(seconds), type, ...content });

/** A customer's text. */
export const textMessage = (id: string, seconds: number, body: string, from = WA_ID) =>
  message(id, seconds, 'text', { text: { body } }, from);

/** A status of a message the business sent. */
export const status = (
  id: string,
  state: 'sent' | 'delivered' | 'read' | 'failed',
  seconds: number,
  more: Record<string, unknown> = {},
): EventBody => ({
  id,
  status: state,
  timestamp: String(seconds),
  recipient_id: WA_ID,
  ...more,
});

/** The `value` of a change of the `messages` field, for one business number. */
export const value = (
  events: { messages?: readonly EventBody[]; statuses?: readonly EventBody[] },
  phoneNumberId = PHONE_NUMBER_ID,
  name = 'Marco Rossi',
) => ({
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
  ...(events.messages === undefined
    ? {}
    : {
        contacts: [
          ...new Set(events.messages.map((m) => String((m as EventBody | undefined)?.from))),
        ].map((waId) => ({
          profile: { name },
          wa_id: waId,
        })),
        messages: events.messages,
      }),
  ...(events.statuses === undefined ? {} : { statuses: events.statuses }),
});

/** A notification of changes, as its JSON body. */
export const notification = (...values: readonly ReturnType<typeof value>[]): string =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: WABA_ID, changes: values.map((v) => ({ field: 'messages', value: v })) }],
  });

/** A notification of the customer's messages to the first number. */
export const messagesNotification = (...messages: readonly EventBody[]): string =>
  notification(value({ messages }));

/** A notification of statuses of the first number's messages. */
export const statusNotification = (...statuses: readonly EventBody[]): string =>
  notification(value({ statuses }));

/** The headers Meta signs a body with. */
export const signed = (body: Buffer | string): Record<string, string> => ({
  [HUB_SIGNATURE_HEADER]: hubSignature(APP_SECRET, Buffer.from(body)),
});

/** The adapter conformance suite's view of WhatsApp. */
export const WHATSAPP_FIXTURES: AdapterFixtures = {
  conversationId: CONVERSATION_ID,
  textMessage: ({ id, text, sentAt }) =>
    messagesNotification(
      textMessage(`wamid.conformance-${id}`, Math.floor(sentAt.getTime() / 1000), text),
    ),
  unsupported: [
    {
      title: 'a reaction',
      body: messagesNotification(
        message('wamid.r', 1_700_000_000, 'reaction', {
          reaction: { message_id: 'wamid.x', emoji: '👍' },
        }),
      ),
    },
    {
      title: 'a sent status',
      body: statusNotification(status('wamid.s', 'sent', 1_700_000_000)),
    },
    {
      title: 'a message to a number of another channel',
      body: notification(
        value({ messages: [textMessage('wamid.o', 1_700_000_000, 'hi')] }, '999999999'),
      ),
    },
    {
      title: 'a change of another field',
      body: JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: WABA_ID, changes: [{ field: 'account_update', value: { event: 'X' } }] }],
      }),
    },
    { title: 'a notification for a Page', body: JSON.stringify({ object: 'page', entry: [] }) },
  ],
  malformed: [
    '{"object":"whatsapp_business_account"}',
    '{"entry":[]}',
    '[]',
    messagesNotification({ from: WA_ID, id: 'wamid.bad', timestamp: 'now', type: 'text' }),
  ],
  authenticate: signed,
  forge: (body) => ({ [HUB_SIGNATURE_HEADER]: hubSignature('another-app-secret-000000', body) }),
};
