import type { AdapterFixtures } from '@tvox-connector/testkit';
import { HUB_SIGNATURE_HEADER, hubSignature } from '@tvox-connector/meta-graph';
import type { InstagramSettingsInput } from '@tvox-connector/adapter-instagram';
import { FakeSendApi } from '../../../meta-graph/test/support/fake-send-api';

/**
 * Webhook notifications shaped as Meta's Messenger API for Instagram reference shows them
 * (`object: "instagram"`, `entry[].messaging[]` with `sender`, `recipient`, `timestamp` and one
 * of `message`, `postback`, `reaction`, `read`), signed with `X-Hub-Signature-256` as Meta signs.
 */

export const APP_SECRET = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
export const VERIFY_TOKEN = 'tvox-instagram-verify-7';
export const MEDIA_SECRET = 'instagram-media-links-secret-32-characters';

/** The channel's two Instagram accounts: the second is linked to a Page (Facebook Login). */
export const ACCOUNT_ID = '17841400000000001';
export const OTHER_ACCOUNT_ID = '17841400000000002';
export const OTHER_PAGE_ID = '104857600099999';
export const ACCOUNT_TOKEN = 'IGQWaccount-one-access-token-0001';
export const OTHER_PAGE_TOKEN = 'EAAGpage-of-account-two-token-0002';
/** The tokens the fake Send API takes, by the node messages are posted to. */
export const SEND_TOKENS: Readonly<Record<string, string>> = {
  [ACCOUNT_ID]: ACCOUNT_TOKEN,
  [OTHER_PAGE_ID]: OTHER_PAGE_TOKEN,
};

/** The customer's Instagram-scoped id on the first account, and their conversation id in core. */
export const IGSID = '6203459871234567';
export const CONVERSATION_ID = `${ACCOUNT_ID}-${IGSID}`;

/** Settings of a channel answering for both accounts, against `apiRoot` (a fake Graph API). */
export function instagramSettings(
  apiRoot: string,
  publicUrl: string,
  more: Partial<InstagramSettingsInput> = {},
): InstagramSettingsInput {
  return {
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    accounts: {
      [ACCOUNT_ID]: { accessToken: ACCOUNT_TOKEN },
      [OTHER_ACCOUNT_ID]: { accessToken: OTHER_PAGE_TOKEN, pageId: OTHER_PAGE_ID },
    },
    graph: { apiRoot, version: 'v21.0' },
    publicUrl,
    mediaLinks: { secret: MEDIA_SECRET },
    ...more,
  };
}

/** Instagram's Send API faked on loopback: texts of 1,000 characters, notifications signed. */
export const startFakeInstagram = (now?: () => number): Promise<FakeSendApi> =>
  FakeSendApi.start({
    tokens: SEND_TOKENS,
    appSecret: APP_SECRET,
    maxText: 1000,
    ...(now ? { now } : {}),
  });

/** One `messaging[]` event. */
export type MessagingEventBody = Record<string, unknown>;

/** Who wrote, to which account, when (epoch ms). */
export interface EventParties {
  readonly igsid?: string;
  readonly accountId?: string;
  readonly timestamp: number;
}

export const parties = ({ igsid = IGSID, accountId = ACCOUNT_ID, timestamp }: EventParties) => ({
  sender: { id: igsid },
  recipient: { id: accountId },
  timestamp,
});

/** A customer's message: `mid` and any of `text`, `attachments`, `reply_to`, flags. */
export const messageEvent = (
  at: EventParties,
  mid: string,
  message: Record<string, unknown>,
): MessagingEventBody => ({ ...parties(at), message: { mid, ...message } });

/** A customer's text message. */
export const textEvent = (at: EventParties, mid: string, text: string): MessagingEventBody =>
  messageEvent(at, mid, { text });

/** A customer's message of attachments. */
export const attachmentEvent = (
  at: EventParties,
  mid: string,
  attachments: readonly { type: string; payload: Record<string, unknown> }[],
): MessagingEventBody => messageEvent(at, mid, { attachments });

/** `message_reactions`: the customer reacted to (or took back a reaction on) `mid`. */
export const reactionEvent = (
  at: EventParties,
  mid: string,
  action: 'react' | 'unreact',
  emoji = '❤️',
): MessagingEventBody => ({
  ...parties(at),
  reaction: {
    mid,
    action,
    ...(action === 'react' ? { reaction: 'love', emoji } : {}),
  },
});

/** `messaging_seen`: the customer read the conversation up to `mid`. */
export const readEvent = (at: EventParties, mid: string): MessagingEventBody => ({
  ...parties(at),
  read: { mid },
});

/** The echo of a message the account sent: from the account, to the customer. */
export const echoEvent = (timestamp: number, mid: string, text: string): MessagingEventBody => ({
  sender: { id: ACCOUNT_ID },
  recipient: { id: IGSID },
  timestamp,
  message: { mid, is_echo: true, text },
});

/** One `entry[]`: an account's events. */
export const entry = (
  accountId: string,
  time: number,
  messaging: readonly MessagingEventBody[],
) => ({ id: accountId, time, messaging });

/** A notification of entries, as its JSON body. */
export const notification = (...entries: readonly ReturnType<typeof entry>[]): string =>
  JSON.stringify({ object: 'instagram', entry: entries });

/** A notification of the first account's events. */
export const accountNotification = (
  time: number,
  ...messaging: readonly MessagingEventBody[]
): string => notification(entry(ACCOUNT_ID, time, messaging));

/** The headers Meta signs a body with. */
export const signed = (body: Buffer | string): Record<string, string> => ({
  [HUB_SIGNATURE_HEADER]: hubSignature(APP_SECRET, Buffer.from(body)),
});

const T0 = 1_700_000_000_000;

/** The adapter conformance suite's view of Instagram. */
export const INSTAGRAM_FIXTURES: AdapterFixtures = {
  conversationId: CONVERSATION_ID,
  textMessage: ({ id, text, sentAt }) =>
    accountNotification(
      sentAt.getTime(),
      textEvent({ timestamp: sentAt.getTime() }, `aWdfZAG1conformance-${id}`, text),
    ),
  unsupported: [
    {
      title: 'an echo of the account’s own message',
      body: accountNotification(T0, echoEvent(T0, 'aWdfZAG1echo', 'from the account')),
    },
    {
      title: 'a read of nothing known',
      body: accountNotification(T0, readEvent({ timestamp: T0 }, 'aWdfZAG1unknown')),
    },
    {
      title: 'a reaction taken back',
      body: accountNotification(T0, reactionEvent({ timestamp: T0 }, 'aWdfZAG1x', 'unreact')),
    },
    {
      title: 'a notification for a Facebook Page',
      body: JSON.stringify({ object: 'page', entry: [] }),
    },
    {
      title: 'a comment on a post (changes[], not messaging[])',
      body: JSON.stringify({
        object: 'instagram',
        entry: [
          {
            id: ACCOUNT_ID,
            time: T0,
            changes: [{ field: 'comments', value: { id: '1', text: 'nice' } }],
          },
        ],
      }),
    },
    {
      title: 'a message to an account of another channel',
      body: notification(
        entry('999999999', T0, [
          textEvent({ accountId: '999999999', timestamp: T0 }, 'aWdfZAG1y', 'hi'),
        ]),
      ),
    },
  ],
  malformed: [
    '{"object":"instagram"}',
    '{"entry":[]}',
    '[]',
    notification(entry(ACCOUNT_ID, T0, [{ sender: {}, timestamp: 'now' }])),
  ],
  authenticate: signed,
  forge: (body) => ({ [HUB_SIGNATURE_HEADER]: hubSignature('another-app-secret-000000', body) }),
};
