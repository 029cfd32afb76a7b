import { InvalidInputError, type OutboundMessage, type QuickReply } from '@tvox-connector/core';
import type { ReplyKeyboardMarkup } from 'grammy/types';
import type { FileKind, TelegramClient } from '../api/telegram-client.js';

/** Image types Telegram shows as photos; other accepted files are sent as documents. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png']);

/** The reply keyboard for quick replies: one button a row, hidden once tapped. */
function replyKeyboard(quickReplies: readonly QuickReply[]): ReplyKeyboardMarkup | undefined {
  if (quickReplies.length === 0) return undefined;
  return {
    keyboard: quickReplies.map((q) => [{ text: q.title }]),
    one_time_keyboard: true,
    resize_keyboard: true,
  };
}

const fileKind = (contentType: string): FileKind =>
  PHOTO_TYPES.has(contentType.toLowerCase()) ? 'photo' : 'document';

/**
 * Sends one part of an outbound message, as core split it by `TELEGRAM_CAPABILITIES`, in one Bot
 * API call: a text with `sendMessage`, or a file with `sendPhoto` (JPEG, PNG) or `sendDocument`
 * (others), Telegram fetching its URL, the part's text as its caption; the quick replies as a
 * reply keyboard on that call. Resolves with the message id. Nothing is remembered: the Bot API
 * has no idempotency key, and core's ledger is what knows which parts went out, so retrying a part
 * is this one call again, from any instance. A part of more files than one call carries is
 * refused, without a call.
 */
export async function sendPart(client: TelegramClient, part: OutboundMessage): Promise<number> {
  const chat = part.conversation.id;
  const keyboard = replyKeyboard(part.quickReplies);
  const [file, ...more] = part.attachments;
  if (more.length > 0) {
    throw new InvalidInputError('Telegram message part', [
      {
        path: 'attachments',
        message: `one Bot API call carries one file, not ${part.attachments.length}; send the parts adaptToCapabilities makes`,
      },
    ]);
  }
  if (file === undefined) return client.sendText(chat, part.text ?? '', keyboard);
  return client.sendFile(chat, fileKind(file.contentType), file.url, {
    ...(part.text === undefined ? {} : { caption: part.text }),
    ...(keyboard ? { keyboard } : {}),
  });
}
