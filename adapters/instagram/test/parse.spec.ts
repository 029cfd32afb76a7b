import {
  InboundActivity,
  InvalidInputError,
  type InboundMessage,
  type InboundReceipt,
  type MessageRecord,
  type ParseResult,
} from '@tvox-connector/core';
import {
  createInstagramAdapter,
  type InstagramLedger,
  type InstagramSettingsInput,
} from '@tvox-connector/adapter-instagram';
import { expect } from 'chai';
import fc from 'fast-check';
import {
  ACCOUNT_ID,
  CONVERSATION_ID,
  IGSID,
  OTHER_ACCOUNT_ID,
  accountNotification,
  attachmentEvent,
  echoEvent,
  entry,
  instagramSettings,
  messageEvent,
  notification,
  parties,
  reactionEvent,
  readEvent,
  signed,
  textEvent,
  type MessagingEventBody,
} from './support/instagram-fixtures';

const PUBLIC_URL = 'https://connector.example.com/webhooks/instagram';
const T = 1_767_225_600_123;
const at = { timestamp: T };
const STORY = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17912345&signature=AbC';

/** A ledger of `records`, answering as core's store does (newest first, by conversation). */
const ledgerOf = (records: readonly MessageRecord[]): InstagramLedger => ({
  messages: async (query) =>
    records
      .filter(
        (r) => query.conversation === undefined || r.conversation.id === query.conversation.id,
      )
      .filter((r) => query.direction === undefined || r.direction === query.direction)
      .slice()
      .reverse(),
});

const record = (
  id: string,
  direction: MessageRecord['direction'],
  networkId: string,
  updatedAt: number,
  payload: unknown,
  state: MessageRecord['state'] = 'sent',
): MessageRecord => ({
  id,
  direction,
  conversation: { channel: 'instagram', id: CONVERSATION_ID },
  networkMessageIds: [networkId],
  state,
  payload,
  acceptedAt: updatedAt,
  updatedAt,
});

const parse = async (
  body: string,
  ledger?: InstagramLedger,
  more: Partial<InstagramSettingsInput> = {},
): Promise<ParseResult> => {
  const request = {
    method: 'POST',
    path: '/',
    query: {},
    headers: { 'content-type': 'application/json', ...signed(body) },
    rawBody: Buffer.from(body),
  };
  const instagram = createInstagramAdapter(
    { id: 'instagram', settings: instagramSettings('http://127.0.0.1:9', PUBLIC_URL, more) },
    ledger === undefined ? {} : { ledger },
  );
  instagram.verify(request);
  return instagram.parse(request);
};

const activities = async (body: string, ledger?: InstagramLedger) => {
  const result = await parse(body, ledger);
  if (result.kind !== 'activities')
    return expect.fail(`expected activities, got ${JSON.stringify(result)}`);
  for (const activity of result.activities)
    expect(() => InboundActivity.parse(activity)).to.not.throw();
  return result.activities;
};
const messages = async (body: string, ledger?: InstagramLedger) =>
  (await activities(body, ledger)) as InboundMessage[];
const ignored = async (body: string, more: Partial<InstagramSettingsInput> = {}) =>
  expect((await parse(body, undefined, more)).kind, body).to.equal('ignored');

/** One generated event, and the id of the message it must become (none when skipped). */
interface Case {
  readonly body: MessagingEventBody;
  readonly id: string | undefined;
}

describe('Instagram webhooks', () => {
  it('reads a text message: conversation of account and IGSID, sender, entry point, send time', async () => {
    const [message] = await messages(
      accountNotification(T, textEvent(at, 'aWdfZAG1mid-1', 'Ciao! Avete la taglia M?')),
    );
    expect(message).to.deep.include({
      kind: 'message',
      networkMessageId: 'aWdfZAG1mid-1',
      conversation: { channel: 'instagram', id: CONVERSATION_ID },
      sender: { id: IGSID },
      entryPoint: ACCOUNT_ID,
      text: 'Ciao! Avete la taglia M?',
      sentAt: new Date(T).toISOString(),
    });
  });

  it('reads every event of every entry of a batch, in order, each account its own conversation', async () => {
    const body = notification(
      entry(ACCOUNT_ID, T, [textEvent(at, 'm1', 'one'), textEvent(at, 'm2', 'two')]),
      entry(OTHER_ACCOUNT_ID, T, [
        textEvent({ accountId: OTHER_ACCOUNT_ID, igsid: '42', timestamp: T }, 'm3', 'three'),
      ]),
    );
    const read = await messages(body);
    expect(read.map((m) => [m.text, m.conversation.id])).to.deep.equal([
      ['one', CONVERSATION_ID],
      ['two', CONVERSATION_ID],
      ['three', `${OTHER_ACCOUNT_ID}-42`],
    ]);
  });

  it('links image, video, audio and file attachments through the connector, named and typed', async () => {
    const cdn = 'https://lookaside.fbsbx.com/ig_messaging_cdn';
    const [message] = await messages(
      accountNotification(
        T,
        attachmentEvent(at, 'm_files', [
          { type: 'image', payload: { url: `${cdn}/photo.png?asset_id=1` } },
          { type: 'video', payload: { url: `${cdn}/?asset_id=2` } },
          { type: 'audio', payload: { url: `${cdn}/?asset_id=3` } },
        ]),
      ),
    );
    expect(message?.attachments.map((a) => [a.name, a.contentType])).to.deep.equal([
      ['photo.png', 'image/png'],
      ['video-2.mp4', 'video/mp4'],
      ['audio-3.mp4', 'audio/mp4'],
    ]);
    for (const file of message?.attachments ?? []) {
      expect(file.url.startsWith(`${PUBLIC_URL}/media?token=`)).to.equal(true);
      expect(file.url).to.not.contain('lookaside');
    }
  });

  it('gives a story mention as text with its link, never fetched nor stored', async () => {
    const [message] = await messages(
      accountNotification(
        T,
        attachmentEvent(at, 'm_mention', [{ type: 'story_mention', payload: { url: STORY } }]),
      ),
    );
    expect(message?.text).to.equal(`Mentioned you in their story: ${STORY}`);
    expect(message?.attachments).to.deep.equal([]);
  });

  it('gives a story reply as its text, then the story’s link', async () => {
    const [message] = await messages(
      accountNotification(
        T,
        messageEvent(at, 'm_reply', {
          text: 'Quanto costa?',
          reply_to: { story: { url: STORY, id: '17912345' } },
        }),
      ),
    );
    expect(message?.text).to.equal(`Quanto costa?\nIn reply to your story: ${STORY}`);
  });

  it('gives a shared post or reel as text with its link', async () => {
    const [message] = await messages(
      accountNotification(
        T,
        attachmentEvent(at, 'm_share', [
          { type: 'share', payload: { url: 'https://www.instagram.com/p/Cx1/' } },
          {
            type: 'ig_reel',
            payload: { url: 'https://www.instagram.com/reel/Cy2/', title: 'Tour' },
          },
        ]),
      ),
    );
    expect(message?.text).to.equal(
      'Shared: https://www.instagram.com/p/Cx1/\nShared: Tour https://www.instagram.com/reel/Cy2/',
    );
  });

  it('tells the agent of an unsent message, quoting it when the ledger has it', async () => {
    const unsent = accountNotification(T, messageEvent(at, 'm_gone', { is_deleted: true }));
    const [plain] = await messages(unsent);
    expect(plain).to.deep.include({
      networkMessageId: 'deleted:m_gone',
      text: 'The customer unsent a message.',
    });
    const ledger = ledgerOf([
      record('in-1', 'inbound', 'm_gone', T - 1000, { text: 'il mio numero è 333 1234567' }),
    ]);
    const [quoted] = await messages(unsent, ledger);
    expect(quoted?.text).to.equal('The customer unsent a message: “il mio numero è 333 1234567”');
  });

  it('tells the agent of a message Instagram does not pass on', async () => {
    const [message] = await messages(
      accountNotification(T, messageEvent(at, 'm_poll', { is_unsupported: true })),
    );
    expect(message?.networkMessageId).to.equal('m_poll');
    expect(message?.text).to.match(/does not pass on to apps/);
  });

  it('reads a tapped quick reply as its title with its payload, and an ice breaker likewise', async () => {
    const [reply, breaker] = await messages(
      accountNotification(
        T,
        messageEvent(at, 'm_qr', { text: 'Sì', quick_reply: { payload: 'YES' } }),
        { ...parties(at), postback: { mid: 'm_pb', title: 'Orari', payload: 'HOURS' } },
      ),
    );
    expect(reply).to.deep.include({ text: 'Sì', quickReplyPayload: 'YES' });
    expect(breaker).to.deep.include({
      networkMessageId: 'm_pb',
      text: 'Orari',
      quickReplyPayload: 'HOURS',
    });
  });

  it('gives a reaction as a short text quoting the message, the same id on every delivery', async () => {
    const ledger = ledgerOf([
      record('out-1', 'outbound', 'm_out-1', T - 5000, {
        text: 'Il suo ordine è stato spedito oggi, arriverà entro giovedì con corriere espresso, tracking 1Z999',
      }),
    ]);
    const body = accountNotification(T, reactionEvent(at, 'm_out-1', 'react', '❤️'));
    const [first] = await messages(body, ledger);
    const [again] = await messages(body, ledger);
    expect(first?.text).to.equal(
      'reacted ❤️ to: “Il suo ordine è stato spedito oggi, arriverà entro giovedì con corriere espress…”',
    );
    expect(first?.networkMessageId).to.equal(again?.networkMessageId);
    const [unknown] = await messages(accountNotification(T, reactionEvent(at, 'm_x', 'react')));
    expect(unknown?.text).to.equal('reacted ❤️ to a message');
  });

  it('ignores reactions taken back, and every reaction with reactions: ignore', async () => {
    await ignored(accountNotification(T, reactionEvent(at, 'm_1', 'unreact')));
    await ignored(accountNotification(T, reactionEvent(at, 'm_1', 'react')), {
      reactions: 'ignore',
    });
  });

  it('turns a read into a receipt of everything the ledger says was sent up to it', async () => {
    const ledger = ledgerOf([
      record('a', 'outbound', 'm_out-1', T - 2000, {}),
      record('b', 'outbound', 'm_out-2', T - 1000, {}, 'delivered'),
      record('c', 'outbound', 'm_out-3', T - 500, {}, 'read'),
      record('d', 'outbound', 'm_out-4', T + 1000, {}),
    ]);
    const [receipt] = (await activities(
      accountNotification(T, readEvent(at, 'm_out-2')),
      ledger,
    )) as InboundReceipt[];
    expect(receipt).to.include({ kind: 'receipt', status: 'read' });
    expect(receipt?.networkMessageIds.slice().sort()).to.deep.equal(['m_out-1', 'm_out-2']);
  });

  it('turns a read into a receipt of the message it names when there is no ledger', async () => {
    const [receipt] = (await activities(
      accountNotification(T, readEvent(at, 'm_out-9')),
    )) as InboundReceipt[];
    expect(receipt?.networkMessageIds).to.deep.equal(['m_out-9']);
  });

  it('ignores echoes, other accounts, other products and other fields, answered 200', async () => {
    await ignored(accountNotification(T, echoEvent(T, 'm_echo', 'sent by the account')));
    await ignored(
      notification(entry('42', T, [textEvent({ accountId: '42', timestamp: T }, 'm_x', 'hi')])),
    );
    await ignored(JSON.stringify({ object: 'page', entry: [] }));
    await ignored(accountNotification(T, { ...parties(at), referral: { ref: 'ad' } }));
    await ignored(accountNotification(T, messageEvent(at, 'm_empty', {})));
  });

  it('keeps the readable events of a batch with an unreadable one; refuses a batch of nothing else', async () => {
    const broken = { sender: { id: IGSID }, recipient: { id: ACCOUNT_ID }, timestamp: 'ieri' };
    const read = await messages(
      accountNotification(T, textEvent(at, 'm_ok', 'ancora qui'), broken),
    );
    expect(read.map((m) => m.text)).to.deep.equal(['ancora qui']);
    const error = await parse(accountNotification(T, broken)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(InvalidInputError);
  });

  it('reads any batch of customer events into one message per event, in order (property)', async () => {
    const igsid = fc.stringMatching(/^[1-9]\d{5,16}$/);
    const mid = fc.stringMatching(/^aWdf[A-Za-z0-9_-]{1,40}$/);
    const event: fc.Arbitrary<Case> = fc.oneof(
      fc
        .record({ igsid, mid, text: fc.string({ minLength: 1, maxLength: 200 }) })
        .map(({ igsid: i, mid: m, text }) => ({
          body: textEvent({ igsid: i, timestamp: T }, m, text),
          id: m,
        })),
      fc
        .record({
          igsid,
          mid,
          type: fc.constantFrom('image', 'video', 'audio', 'file', 'story_mention', 'share'),
          path: fc.webPath(),
        })
        .map(({ igsid: i, mid: m, type, path }) => ({
          body: attachmentEvent({ igsid: i, timestamp: T }, m, [
            { type, payload: { url: `https://lookaside.fbsbx.com${path}` } },
          ]),
          id: m,
        })),
      fc
        .record({ igsid, mid, text: fc.string({ minLength: 1 }), url: fc.webUrl() })
        .map(({ igsid: i, mid: m, text, url }) => ({
          body: messageEvent({ igsid: i, timestamp: T }, m, {
            text,
            reply_to: { story: { url, id: '1' } },
          }),
          id: m,
        })),
      fc.record({ igsid, mid }).map(({ igsid: i, mid: m }) => ({
        body: messageEvent({ igsid: i, timestamp: T }, m, { is_deleted: true }),
        id: `deleted:${m}`,
      })),
      fc
        .record({ igsid, mid, emoji: fc.constantFrom('❤️', '😂', '👍') })
        .map(({ igsid: i, mid: m, emoji }) => ({
          body: reactionEvent({ igsid: i, timestamp: T }, m, 'react', emoji),
          id: `reaction:${m}:${T}`,
        })),
      fc.record({ mid }).map(({ mid: m }) => ({
        body: reactionEvent({ timestamp: T }, m, 'unreact'),
        id: undefined,
      })),
      fc
        .record({ mid, text: fc.string({ minLength: 1 }) })
        .map(({ mid: m, text }) => ({ body: echoEvent(T, m, text), id: undefined })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(event, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        async (entries) => {
          const body = notification(
            ...entries.map((events) =>
              entry(
                ACCOUNT_ID,
                T,
                events.map((e) => e.body),
              ),
            ),
          );
          const expected = entries.flat().flatMap((e) => (e.id === undefined ? [] : [e.id]));
          const result = await parse(body);
          if (expected.length === 0) {
            expect(result.kind).to.equal('ignored');
            return;
          }
          if (result.kind !== 'activities') return expect.fail(result.kind);
          expect(
            result.activities.map((a) => (a as InboundMessage).networkMessageId),
          ).to.deep.equal(expected);
          for (const activity of result.activities) InboundActivity.parse(activity);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('answers any JSON that is not a notification with InvalidInputError, never a crash (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.json(), async (body) => {
        const outcome: ParseResult | Error = await parse(body).then(
          (result) => result,
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        );
        if (outcome instanceof Error) expect(outcome).to.be.instanceOf(InvalidInputError);
        else expect(['activities', 'ignored', 'reply']).to.include(outcome.kind);
      }),
      { numRuns: 200 },
    );
  });
});
