import type { AdapterFixtures } from '@tvox-connector/testkit';
import type { Chat, Message, Update, User } from 'grammy/types';
import { SECRET_TOKEN_HEADER, type TelegramSettingsInput } from '@tvox-connector/adapter-telegram';

/*
 * Updates shaped exactly as https://core.telegram.org/bots/api documents them, typed with grammY's
 * Bot API types so that a field the docs do not have does not compile.
 */

export const BOT_TOKEN = '123456789:AAEtestTOKENfor-the_fake';
export const SECRET_TOKEN = 'webhook-secret-token-0123456789';
export const FILE_SECRET = 'file-links-secret-0123456789abcdef';

/** The customer: a private chat's id is the user's id. */
export const CUSTOMER: User = {
  id: 5551234,
  is_bot: false,
  first_name: 'Maria',
  last_name: 'Rossi',
  username: 'mrossi',
  language_code: 'it',
};
export const CHAT: Chat.PrivateChat = {
  id: CUSTOMER.id,
  type: 'private',
  first_name: 'Maria',
  last_name: 'Rossi',
  username: 'mrossi',
};
export const CHAT_ID = String(CHAT.id);

/** Unix seconds of 2026-03-02T09:30:00Z. */
export const DATE = 1772443800;

type Content = Omit<Message, 'message_id' | 'date' | 'chat' | 'from'>;

/** A message in a private chat or a group, as updates carry it. */
type ChatMessage = Message & Update.NonChannel;

/** A private-chat message from the customer. */
export function message(messageId: number, content: Content, date = DATE): ChatMessage {
  return { message_id: messageId, from: CUSTOMER, chat: CHAT, date, ...content };
}

/** An update carrying `message`. */
export function update(updateId: number, carried: ChatMessage): Update {
  return { update_id: updateId, message: carried };
}

/** An update carrying an edit of message `messageId`. */
export function edit(updateId: number, messageId: number, text: string, editDate: number): Update {
  return {
    update_id: updateId,
    edited_message: { ...message(messageId, { text }), edit_date: editDate },
  };
}

export const photo = (messageId: number, caption?: string): ChatMessage =>
  message(messageId, {
    photo: [
      { file_id: 'AgAD-small', file_unique_id: 'AQAD-s', width: 90, height: 67, file_size: 1254 },
      {
        file_id: 'AgAD-medium',
        file_unique_id: 'AQAD-m',
        width: 320,
        height: 240,
        file_size: 15702,
      },
      {
        file_id: 'AgAD-large',
        file_unique_id: 'AQAD-l',
        width: 1280,
        height: 960,
        file_size: 120556,
      },
    ],
    ...(caption === undefined ? {} : { caption }),
  });

export const document = (messageId: number): ChatMessage =>
  message(messageId, {
    document: {
      file_id: 'BQAD-invoice',
      file_unique_id: 'AgAD-inv',
      file_name: 'invoice 2026-03.pdf',
      mime_type: 'application/pdf',
      file_size: 48213,
    },
    caption: 'the invoice',
  });

export const voice = (messageId: number): ChatMessage =>
  message(messageId, {
    voice: {
      file_id: 'AwAD-voice',
      file_unique_id: 'AgAD-v',
      duration: 4,
      mime_type: 'audio/ogg',
      file_size: 10950,
    },
  });

export const video = (messageId: number): ChatMessage =>
  message(messageId, {
    video: {
      file_id: 'BAAD-video',
      file_unique_id: 'AgAD-vid',
      width: 640,
      height: 360,
      duration: 12,
      mime_type: 'video/mp4',
      file_size: 1048576,
    },
    caption: 'the damage',
  });

export const location = (messageId: number): ChatMessage =>
  message(messageId, { location: { latitude: 45.464211, longitude: 9.191383 } });

export const contact = (messageId: number, ownNumber = true): ChatMessage =>
  message(messageId, {
    contact: {
      phone_number: '+393331234567',
      first_name: ownNumber ? 'Maria' : 'Luca',
      last_name: ownNumber ? 'Rossi' : 'Verdi',
      ...(ownNumber ? { user_id: CUSTOMER.id } : {}),
    },
  });

export const sticker = (messageId: number): ChatMessage =>
  message(messageId, {
    sticker: {
      file_id: 'CAAD-sticker',
      file_unique_id: 'AgAD-st',
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: '👍',
    },
  });

/** Updates the adapter does not relay, each as Telegram sends it. */
export const UNSUPPORTED: readonly { readonly title: string; readonly update: Update }[] = [
  { title: 'a sticker', update: update(900, sticker(90)) },
  {
    title: 'a group message',
    update: {
      update_id: 901,
      message: {
        message_id: 91,
        from: CUSTOMER,
        chat: { id: -100200300, type: 'group', title: 'Friends' },
        date: DATE,
        text: 'hello group',
      },
    },
  },
  {
    title: 'a channel post',
    update: {
      update_id: 902,
      channel_post: {
        message_id: 92,
        chat: { id: -1001234567890, type: 'channel', title: 'News' },
        date: DATE,
        text: 'announcement',
      },
    },
  },
  {
    title: 'a callback query',
    update: {
      update_id: 903,
      callback_query: {
        id: '4382bfdwdsb323b2d9',
        from: CUSTOMER,
        chat_instance: '-5432109876543',
        data: 'Data from button callback',
      },
    },
  },
  {
    title: 'a message from another bot',
    update: update(904, {
      ...message(94, { text: 'beep' }),
      from: { id: 42, is_bot: true, first_name: 'OtherBot' },
    }),
  },
];

/** Settings of a webhook-mode channel against `apiRoot`, its links below `publicUrl`. */
export function webhookSettings(apiRoot: string, publicUrl: string): TelegramSettingsInput {
  return {
    botToken: BOT_TOKEN,
    apiRoot,
    publicUrl,
    receive: { mode: 'webhook', secretToken: SECRET_TOKEN, register: false },
    fileLinks: { secret: FILE_SECRET },
    requestTimeoutSeconds: 5,
  };
}

/** Settings of a long-polling channel against `apiRoot`, polling quickly for tests. */
export function pollingSettings(apiRoot: string, publicUrl: string): TelegramSettingsInput {
  return {
    ...webhookSettings(apiRoot, publicUrl),
    receive: { mode: 'polling', timeoutSeconds: 1, retryDelayMs: 50 },
  };
}

/** The conformance suite's fixtures for Telegram. */
export const TELEGRAM_FIXTURES: AdapterFixtures = {
  conversationId: CHAT_ID,
  textMessage: ({ id, text, sentAt }) =>
    JSON.stringify(update(id, message(id, { text }, Math.floor(sentAt.getTime() / 1000)))),
  unsupported: UNSUPPORTED.map(({ title, update: u }) => ({ title, body: JSON.stringify(u) })),
  malformed: [
    '[]',
    'null',
    '{"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"}}}',
    '{"update_id":"seven"}',
    '{"update_id":8,"message":{"message_id":"x","date":1,"chat":{"id":1,"type":"private"}}}',
  ],
  authenticate: () => ({ [SECRET_TOKEN_HEADER]: SECRET_TOKEN }),
  forge: () => ({ [SECRET_TOKEN_HEADER]: 'a-guessed-secret-token-000000' }),
};
