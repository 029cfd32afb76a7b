import { InvalidInputError, type InboundMessage, type ParseResult } from '@tvox-connector/core';
import { createTelegramAdapter, SECRET_TOKEN_HEADER } from '@tvox-connector/adapter-telegram';
import { expect } from 'chai';
import type { Update } from 'grammy/types';
import {
  BOT_TOKEN,
  CHAT_ID,
  CUSTOMER,
  DATE,
  SECRET_TOKEN,
  UNSUPPORTED,
  contact,
  document,
  edit,
  location,
  message,
  photo,
  update,
  video,
  voice,
  webhookSettings,
} from './support/telegram-fixtures';

const PUBLIC_URL = 'https://connector.example.com/channels/telegram';

describe('Telegram parse', () => {
  const adapter = createTelegramAdapter({
    id: 'telegram',
    settings: webhookSettings('http://127.0.0.1:9', PUBLIC_URL),
  });
  const parse = (body: Update | string): ParseResult =>
    adapter.parse({
      method: 'POST',
      path: '/',
      query: {},
      headers: { [SECRET_TOKEN_HEADER]: SECRET_TOKEN },
      rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    });
  const only = (body: Update): InboundMessage => {
    const result = parse(body);
    if (result.kind !== 'activities') return expect.fail(`expected activities, got ${result.kind}`);
    expect(result.activities).to.have.length(1);
    const [activity] = result.activities;
    if (activity?.kind !== 'message') return expect.fail('expected a message');
    return activity;
  };

  it('reads a text message with the sender’s name, language and the send time', () => {
    const parsed = only(update(1, message(10, { text: 'Ciao, il mio ordine è in ritardo' })));
    expect(parsed).to.deep.include({
      networkMessageId: '10',
      conversation: { channel: 'telegram', id: CHAT_ID },
      sender: { id: CHAT_ID, displayName: 'Maria Rossi', locale: 'it' },
      text: 'Ciao, il mio ordine è in ritardo',
      attachments: [],
      sentAt: new Date(DATE * 1000).toISOString(),
    });
  });

  it('links the largest photo size through the connector, with its caption, never the bot token', () => {
    const parsed = only(update(2, photo(11, 'broken on arrival')));
    expect(parsed.text).to.equal('broken on arrival');
    expect(parsed.attachments).to.have.length(1);
    const [file] = parsed.attachments;
    expect(file).to.deep.include({
      name: 'photo-AQAD-l.jpg',
      contentType: 'image/jpeg',
      size: 120556,
    });
    expect(file?.url.startsWith(`${PUBLIC_URL}/file?token=`)).to.equal(true);
    expect(file?.url).to.not.contain(BOT_TOKEN);
    expect(file?.url).to.not.contain(BOT_TOKEN.split(':')[1]);
  });

  it('reads documents, voice notes and videos with their names, types, sizes and captions', () => {
    expect(only(update(3, document(12)))).to.deep.include({ text: 'the invoice' });
    expect(only(update(3, document(12))).attachments[0]).to.deep.include({
      name: 'invoice 2026-03.pdf',
      contentType: 'application/pdf',
      size: 48213,
    });
    expect(only(update(4, voice(13))).attachments[0]).to.deep.include({
      name: 'voice-AgAD-v.ogg',
      contentType: 'audio/ogg',
      size: 10950,
    });
    const clip = only(update(5, video(14)));
    expect(clip.text).to.equal('the damage');
    expect(clip.attachments[0]).to.deep.include({
      name: 'video-AgAD-vid.mp4',
      contentType: 'video/mp4',
    });
  });

  it('turns a location and a contact into text, and the customer’s own number into their phone', () => {
    expect(only(update(6, location(15))).text).to.equal(
      'Location: 45.464211, 9.191383 https://www.openstreetmap.org/?mlat=45.464211&mlon=9.191383#map=17/45.464211/9.191383',
    );
    const own = only(update(7, contact(16)));
    expect(own.text).to.equal('Contact: Maria Rossi, +393331234567');
    expect(own.sender.phone).to.equal('+393331234567');
    const other = only(update(8, contact(17, false)));
    expect(other.text).to.equal('Contact: Luca Verdi, +393331234567');
    expect(other.sender.phone).to.equal(undefined);
  });

  it('gives an edit its own id, the original’s id in editOf, and the edit time', () => {
    const edited = only(edit(9, 10, 'Ciao, il mio ordine 1234 è in ritardo', DATE + 60));
    expect(edited).to.deep.include({
      networkMessageId: '10:edit:' + String(DATE + 60),
      editOf: '10',
      text: 'Ciao, il mio ordine 1234 è in ritardo',
      sentAt: new Date((DATE + 60) * 1000).toISOString(),
    });
  });

  it('ignores what it does not relay, saying what it was', () => {
    const reasons = UNSUPPORTED.map(({ update: u }) => {
      const result = parse(u);
      return result.kind === 'ignored' ? result.reason : result.kind;
    });
    expect(reasons).to.deep.equal([
      'unsupported message content',
      'message in a group chat',
      'update without a message (channel_post)',
      'update without a message (callback_query)',
      'message without a human sender',
    ]);
  });

  it('drops a language code that is not a language tag, keeping the message', () => {
    const body = update(10, {
      ...message(18, { text: 'hi' }),
      from: { ...CUSTOMER, language_code: 'not a tag!' },
    });
    expect(only(body).sender.locale).to.equal(undefined);
  });

  it('refuses a body that is not an Update with InvalidInputError naming the field', () => {
    expect(() => parse('{"update_id":-1}')).to.throw(InvalidInputError, /update_id/);
    expect(() => parse('not json')).to.throw(InvalidInputError, /not JSON/);
  });
});
