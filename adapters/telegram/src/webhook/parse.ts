import {
  InboundMessage,
  InvalidInputError,
  Locale,
  parseInput,
  type Attachment,
  type Customer,
  type ParseResult,
} from '@tvox-connector/core';
import { TelegramUpdate, type TelegramFile, type TelegramMessage } from './update-schema.js';

/** A file of the customer's message, to be fetched later through the connector. */
export interface FileRef {
  readonly fileId: string;
  readonly name: string;
  readonly contentType: string;
}

/** What parsing needs beyond the update: the channel, and how to link to a file. */
export interface ParseContext {
  readonly channel: string;
  /** The URL TVox fetches `file` from: through the connector, never with the bot token. */
  fileLink(file: FileRef): string;
}

/** `value` unless it is empty. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/** A MIME type core accepts; Telegram's when it is one, `fallback` otherwise. */
function mimeType(given: string | undefined, fallback: string): string {
  return given !== undefined && /^[\w.+-]+\/[\w.+-]+$/.test(given) ? given : fallback;
}

/**
 * Reads a webhook body as a Telegram Update. Throws `InvalidInputError` (answered 400) for a
 * body that is not JSON or not an Update; fields the adapter does not read are not checked.
 */
export function readUpdate(rawBody: Buffer): TelegramUpdate {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new InvalidInputError('Telegram update', [
      { path: '', message: `not JSON (${(error as Error).message})` },
    ]);
  }
  return parseInput(TelegramUpdate, json, 'Telegram update');
}

function sender(message: TelegramMessage): Customer | undefined {
  const from = message.from;
  if (from === undefined || from.is_bot) return undefined;
  const name = [from.first_name, from.last_name].filter((n) => n !== undefined && n !== '');
  const displayName = name.length > 0 ? name.join(' ') : from.username;
  const locale = Locale.safeParse(from.language_code);
  // A contact the customer shares of themselves gives their phone number.
  const phone =
    message.contact?.user_id === from.id ? message.contact.phone_number.trim() : undefined;
  return {
    id: String(from.id),
    ...(displayName ? { displayName } : {}),
    ...(locale.success ? { locale: locale.data } : {}),
    ...(phone !== undefined && phone.length >= 3 && phone.length <= 32 ? { phone } : {}),
  };
}

/** The message's text and files, or undefined for content the adapter does not relay. */
function content(
  message: TelegramMessage,
  context: ParseContext,
): { text?: string; attachments: Attachment[] } | undefined {
  const file = (ref: FileRef, size: number | undefined): Attachment => ({
    name: ref.name,
    contentType: ref.contentType,
    size: size ?? 0,
    url: context.fileLink(ref),
  });
  const captioned = (attachment: Attachment) => ({
    ...(message.caption ? { text: message.caption } : {}),
    attachments: [attachment],
  });
  const named = (f: TelegramFile, kind: string, extension: string, type: string) =>
    file(
      {
        fileId: f.file_id,
        name:
          nonEmpty(f.file_name) ??
          `${kind}-${nonEmpty(f.file_unique_id) ?? message.message_id}.${extension}`,
        contentType: mimeType(f.mime_type, type),
      },
      f.file_size,
    );

  if (message.text) return { text: message.text, attachments: [] };
  const largest = message.photo?.reduce<(typeof message.photo)[number] | undefined>(
    (best, size) =>
      best === undefined || size.width * size.height >= best.width * best.height ? size : best,
    undefined,
  );
  if (largest) {
    return captioned(
      file(
        {
          fileId: largest.file_id,
          name: `photo-${nonEmpty(largest.file_unique_id) ?? message.message_id}.jpg`,
          contentType: 'image/jpeg',
        },
        largest.file_size,
      ),
    );
  }
  if (message.document)
    return captioned(named(message.document, 'document', 'bin', 'application/octet-stream'));
  if (message.video) return captioned(named(message.video, 'video', 'mp4', 'video/mp4'));
  if (message.voice) return captioned(named(message.voice, 'voice', 'ogg', 'audio/ogg'));
  if (message.location) {
    const { latitude, longitude } = message.location;
    return {
      text:
        `Location: ${latitude}, ${longitude} ` +
        `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`,
      attachments: [],
    };
  }
  if (message.contact) {
    const { first_name, last_name, phone_number } = message.contact;
    const name = [first_name, last_name].filter((n) => n !== undefined && n !== '').join(' ');
    return { text: `Contact: ${name ? `${name}, ` : ''}${phone_number}`, attachments: [] };
  }
  return undefined;
}

/**
 * Turns a Telegram Update into core's activities. Relayed: private-chat messages and their edits
 * with text, a photo, a document, a voice note, a video (with their captions), a location or a
 * contact. Everything else (groups and channels, bots, stickers, polls, callback queries, ...) is
 * `ignored`. An edit gets its own id (`<message_id>:edit:<edit_date>`) and `editOf` the original.
 * Throws `InvalidInputError` only if what it built is not a valid message.
 */
export function parseUpdate(update: TelegramUpdate, context: ParseContext): ParseResult {
  const edited = update.message === undefined ? update.edited_message : undefined;
  const message = update.message ?? edited;
  if (message === undefined) {
    const kinds = Object.keys(update).filter((k) => k !== 'update_id');
    return { kind: 'ignored', reason: `update without a message (${kinds.join(', ') || 'empty'})` };
  }
  if (message.chat.type !== 'private') {
    return { kind: 'ignored', reason: `message in a ${message.chat.type} chat` };
  }
  const customer = sender(message);
  if (customer === undefined) return { kind: 'ignored', reason: 'message without a human sender' };
  const body = content(message, context);
  if (body === undefined) return { kind: 'ignored', reason: 'unsupported message content' };
  const id = String(message.message_id);
  const sentAt = edited ? (edited.edit_date ?? edited.date) : message.date;
  const activity = parseInput(
    InboundMessage,
    {
      kind: 'message',
      networkMessageId: edited ? `${id}:edit:${sentAt}` : id,
      conversation: { channel: context.channel, id: String(message.chat.id) },
      sender: customer,
      ...body,
      ...(edited ? { editOf: id } : {}),
      sentAt: new Date(sentAt * 1000).toISOString(),
    },
    'Telegram message',
  );
  return { kind: 'activities', activities: [activity] };
}
