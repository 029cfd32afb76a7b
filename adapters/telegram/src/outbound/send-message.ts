import type { Attachment, OutboundMessage, QuickReply } from '@tvox-connector/core';
import type { ReplyKeyboardMarkup } from 'grammy/types';
import type { TelegramClient } from '../api/telegram-client.js';

/** Image types Telegram shows as photos; other accepted files are sent as documents. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png']);

type Keyboard = ReplyKeyboardMarkup;
/** One Telegram call of an outbound message; the keyboard goes on the last one. */
type Step = (keyboard?: Keyboard) => Promise<number>;

/** Sent messages remembered per outbound message, so a retry resends only what failed. */
const REMEMBERED = 1_000;

/** The reply keyboard for quick replies: one button a row, hidden once tapped. */
export function replyKeyboard(
  quickReplies: readonly QuickReply[],
): ReplyKeyboardMarkup | undefined {
  if (quickReplies.length === 0) return undefined;
  return {
    keyboard: quickReplies.map((q) => [{ text: q.title }]),
    one_time_keyboard: true,
    resize_keyboard: true,
  };
}

/**
 * Sends one outbound message as Telegram messages: the text (`sendMessage`), then each file
 * (`sendPhoto` for JPEG and PNG, `sendDocument` otherwise, Telegram fetching the file's URL), the
 * quick replies as a reply keyboard on the last one. The Bot API has no idempotency key, so the
 * message ids of the steps already sent are remembered (in memory, for the last messages): when
 * core retries after a later step failed, the earlier steps are not sent twice.
 */
export class MessageSender {
  private readonly done = new Map<string, number[]>();

  constructor(private readonly client: TelegramClient) {}

  /** Sends `message`; resolves with the Telegram message ids, in order. */
  async send(message: OutboundMessage): Promise<number[]> {
    const chat = message.conversation.id;
    const text = message.text;
    const steps: Step[] = [
      ...(text === undefined
        ? []
        : [(keyboard?: Keyboard) => this.client.sendText(chat, text, keyboard)]),
      ...message.attachments.map(
        (file) => (keyboard?: Keyboard) => this.sendFile(chat, file, keyboard),
      ),
    ];
    const keyboard = replyKeyboard(message.quickReplies);
    const sent = this.done.get(message.messageId) ?? [];
    for (const [i, step] of steps.entries()) {
      if (i < sent.length) continue;
      try {
        sent.push(await step(i === steps.length - 1 ? keyboard : undefined));
      } catch (error) {
        this.remember(message.messageId, sent);
        throw error;
      }
    }
    this.done.delete(message.messageId);
    return sent;
  }

  private sendFile(
    chat: string,
    file: Attachment,
    keyboard?: ReplyKeyboardMarkup,
  ): Promise<number> {
    return PHOTO_TYPES.has(file.contentType.toLowerCase())
      ? this.client.sendPhoto(chat, file.url, keyboard)
      : this.client.sendDocument(chat, file.url, keyboard);
  }

  private remember(messageId: string, sent: number[]): void {
    if (sent.length === 0) return;
    this.done.delete(messageId);
    this.done.set(messageId, sent);
    if (this.done.size > REMEMBERED) {
      const oldest = this.done.keys().next().value;
      if (oldest !== undefined) this.done.delete(oldest);
    }
  }
}
