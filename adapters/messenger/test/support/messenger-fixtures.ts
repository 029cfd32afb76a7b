import type { AdapterFixtures } from '@tvox-connector/testkit';
import { HUB_SIGNATURE_HEADER, hubSignature } from '@tvox-connector/meta-graph';
import type { MessengerSettingsInput } from '@tvox-connector/adapter-messenger';

/**
 * Webhook notifications shaped as Meta's Messenger Platform reference shows them
 * (`object: "page"`, `entry[].messaging[]` with `sender`, `recipient`, `timestamp` and one of
 * `message`, `postback`, `delivery`, `read`), signed with `X-Hub-Signature-256` as Meta signs.
 */

export const APP_SECRET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const VERIFY_TOKEN = 'tvox-verify-token-42';
export const MEDIA_SECRET = 'media-links-secret-of-32-characters-at-least';

/** The channel's two Pages, with their access tokens. */
export const PAGE_ID = '104857600012345';
export const OTHER_PAGE_ID = '104857600067890';
export const PAGE_TOKENS: Readonly<Record<string, string>> = {
  [PAGE_ID]: 'EAAGpage-one-access-token-0001',
  [OTHER_PAGE_ID]: 'EAAGpage-two-access-token-0002',
};

/** The customer's Page-scoped id on the first Page, and their conversation id in core. */
export const PSID = '7012345678901234';
export const CONVERSATION_ID = `${PAGE_ID}-${PSID}`;

/** Settings of a channel answering for both Pages, against `apiRoot` (a fake Graph API). */
export function messengerSettings(
  apiRoot: string,
  publicUrl: string,
  more: Partial<MessengerSettingsInput> = {},
): MessengerSettingsInput {
  return {
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    pages: Object.fromEntries(
      Object.entries(PAGE_TOKENS).map(([id, accessToken]) => [id, { accessToken }]),
    ),
    graph: { apiRoot, version: 'v21.0' },
    publicUrl,
    mediaLinks: { secret: MEDIA_SECRET },
    ...more,
  };
}

/** One `messaging[]` event. */
export type MessagingEventBody = Record<string, unknown>;

/** Who wrote, to which Page, when (epoch ms). */
export interface EventParties {
  readonly psid?: string;
  readonly pageId?: string;
  readonly timestamp: number;
}

const parties = ({ psid = PSID, pageId = PAGE_ID, timestamp }: EventParties) => ({
  sender: { id: psid },
  recipient: { id: pageId },
  timestamp,
});

/** A customer's text message. */
export const textEvent = (at: EventParties, mid: string, text: string): MessagingEventBody => ({
  ...parties(at),
  message: { mid, text },
});

/** A customer's message of attachments (`type` image, video, audio, file, fallback, ...). */
export const attachmentEvent = (
  at: EventParties,
  mid: string,
  attachments: readonly { type: string; payload: Record<string, unknown> }[],
): MessagingEventBody => ({ ...parties(at), message: { mid, attachments } });

/** The customer tapped a quick reply: its title as text, and its payload. */
export const quickReplyEvent = (
  at: EventParties,
  mid: string,
  title: string,
  payload: string,
): MessagingEventBody => ({
  ...parties(at),
  message: { mid, text: title, quick_reply: { payload } },
});

/** The customer tapped a postback button. */
export const postbackEvent = (
  at: EventParties,
  mid: string,
  title: string,
  payload: string,
): MessagingEventBody => ({ ...parties(at), postback: { mid, title, payload } });

/** `message_deliveries`: the Page's messages delivered. */
export const deliveryEvent = (
  at: EventParties,
  mids: readonly string[] | undefined,
  watermark: number,
): MessagingEventBody => ({
  ...parties(at),
  delivery: { ...(mids === undefined ? {} : { mids }), watermark },
});

/** `message_reads`: everything the Page sent up to `watermark` was read. */
export const readEvent = (at: EventParties, watermark: number): MessagingEventBody => ({
  ...parties(at),
  read: { watermark },
});

/** The echo of a message the Page sent (`message_echoes`): from the Page, to the customer. */
export const echoEvent = (timestamp: number, mid: string, text: string): MessagingEventBody => ({
  sender: { id: PAGE_ID },
  recipient: { id: PSID },
  timestamp,
  message: { mid, is_echo: true, app_id: 1517776481860111, text },
});

/** One `entry[]`: a Page's events. */
export const entry = (pageId: string, time: number, messaging: readonly MessagingEventBody[]) => ({
  id: pageId,
  time,
  messaging,
});

/** A notification of entries, as its JSON body. */
export const notification = (...entries: readonly ReturnType<typeof entry>[]): string =>
  JSON.stringify({ object: 'page', entry: entries });

/** A notification of one Page's events. */
export const pageNotification = (
  time: number,
  ...messaging: readonly MessagingEventBody[]
): string => notification(entry(PAGE_ID, time, messaging));

/** The headers Meta signs a body with. */
export const signed = (body: Buffer | string): Record<string, string> => ({
  [HUB_SIGNATURE_HEADER]: hubSignature(APP_SECRET, Buffer.from(body)),
});

/** The adapter conformance suite's view of Messenger. */
export const MESSENGER_FIXTURES: AdapterFixtures = {
  conversationId: CONVERSATION_ID,
  textMessage: ({ id, text, sentAt }) =>
    pageNotification(
      sentAt.getTime(),
      textEvent({ timestamp: sentAt.getTime() }, `m_conformance-${id}`, text),
    ),
  unsupported: [
    {
      title: 'an echo of the Page’s own message',
      body: pageNotification(
        1_700_000_000_000,
        echoEvent(1_700_000_000_000, 'm_echo', 'from the Page'),
      ),
    },
    {
      title: 'a read of nothing known',
      body: pageNotification(
        1_700_000_000_000,
        readEvent({ timestamp: 1_700_000_000_000 }, 1_700_000_000_000),
      ),
    },
    {
      title: 'a notification for Instagram',
      body: JSON.stringify({ object: 'instagram', entry: [] }),
    },
    {
      title: 'a message to a Page of another channel',
      body: notification(
        entry('999999999', 1_700_000_000_000, [
          textEvent({ pageId: '999999999', timestamp: 1_700_000_000_000 }, 'm_x', 'hi'),
        ]),
      ),
    },
    {
      title: 'a reaction',
      body: pageNotification(1_700_000_000_000, {
        ...parties({ timestamp: 1_700_000_000_000 }),
        reaction: { mid: 'm_1', action: 'react', reaction: 'love', emoji: '❤' },
      }),
    },
  ],
  malformed: [
    '{"object":"page"}',
    '{"entry":[]}',
    '[]',
    notification(entry(PAGE_ID, 1_700_000_000_000, [{ sender: {}, timestamp: 'now' }])),
  ],
  authenticate: signed,
  forge: (body) => ({ [HUB_SIGNATURE_HEADER]: hubSignature('another-app-secret-000000', body) }),
};
