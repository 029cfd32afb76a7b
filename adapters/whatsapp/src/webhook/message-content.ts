import type { MediaRef } from '@tvox-connector/meta-graph';
import type {
  WhatsAppContactCard,
  WhatsAppLocation,
  WhatsAppMedia,
  WhatsAppMessage,
} from './event-schema.js';

/** What a customer's message comes to for the agent: text, one file, the payload tapped. */
export interface MessageContent {
  readonly text?: string;
  readonly media?: MediaRef;
  readonly quickReplyPayload?: string;
}

/** The message types that carry a file, with the type and extension of a file without them. */
const MEDIA_KINDS = {
  image: { type: 'image/jpeg', extension: 'jpg' },
  video: { type: 'video/mp4', extension: 'mp4' },
  audio: { type: 'audio/ogg', extension: 'ogg' },
  document: { type: 'application/octet-stream', extension: 'bin' },
  sticker: { type: 'image/webp', extension: 'webp' },
} as const;
type MediaKind = keyof typeof MEDIA_KINDS;

/**
 * The Graph path that resolves a media id with the number it came to: the `url` of a WhatsApp
 * {@link MediaRef}, fetched with that number's token when TVox opens the link.
 */
export function mediaPath(phoneNumberId: string, mediaId: string): string {
  return `${mediaId}?phone_number_id=${phoneNumberId}`;
}

/** The phone number id and media id of a {@link mediaPath}; undefined for anything else. */
export function readMediaPath(
  path: string,
): { phoneNumberId: string; mediaId: string } | undefined {
  const match = /^([^?/]+)\?phone_number_id=(\d+)$/.exec(path);
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { mediaId: match[1], phoneNumberId: match[2] };
}

/** A MIME type without its parameters (`audio/ogg; codecs=opus` → `audio/ogg`). */
function bareType(type: string | undefined): string | undefined {
  const bare = type?.split(';')[0]?.trim().toLowerCase();
  return bare !== undefined && /^[\w.+-]+\/[\w.+-]+$/.test(bare) ? bare : undefined;
}

/** A file name the agent can be shown: the customer's own, else one made from the kind. */
function fileName(kind: MediaKind, media: WhatsAppMedia, messageId: string): string {
  const given = media.filename?.trim();
  if (given !== undefined && given !== '' && given.length <= 200 && !/[\p{Cc}/\\]/u.test(given)) {
    return given;
  }
  const suffix = messageId.replace(/[^A-Za-z0-9]/g, '').slice(-8) || '1';
  return `${kind}-${suffix}.${MEDIA_KINDS[kind].extension}`;
}

/** A location as text: its name and address, and a map link. */
export function locationText(location: WhatsAppLocation): string {
  const label = [location.name, location.address].filter((p) => p !== undefined && p !== '');
  const map = `https://www.google.com/maps/search/?api=1&query=${location.latitude},${location.longitude}`;
  return [
    `Location: ${label.length > 0 ? label.join(', ') : `${location.latitude}, ${location.longitude}`}`,
    map,
  ].join('\n');
}

/** Contact cards as text: a line each, with the name, phone numbers and e-mail addresses. */
export function contactsText(cards: readonly WhatsAppContactCard[]): string | undefined {
  const lines = cards
    .map((card) =>
      [
        card.name?.formatted_name,
        ...(card.phones ?? []).map((p) => p.phone),
        ...(card.emails ?? []).map((e) => e.email),
      ]
        .filter((p): p is string => p !== undefined && p.trim() !== '')
        .join(', '),
    )
    .filter((line) => line !== '');
  return lines.length === 0 ? undefined : lines.map((line) => `Contact: ${line}`).join('\n');
}

/** A non-empty string, or undefined. */
const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value;

/**
 * What a customer's message of a relayed type comes to, or undefined for the types that are not
 * relayed (reactions, orders, system messages, `unsupported`) or carry nothing. Text as written;
 * a file (image, video, audio, document, sticker) by its media id, with its caption as text; a
 * location or contact cards as text; a tapped reply button, list row or template button as its
 * title, with its id (or payload) kept.
 */
export function messageContent(
  message: WhatsAppMessage,
  phoneNumberId: string,
): MessageContent | undefined {
  switch (message.type) {
    case 'text': {
      const text = nonEmpty(message.text?.body);
      return text === undefined ? undefined : { text };
    }
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker': {
      const kind: MediaKind = message.type;
      const media = message[kind];
      if (media === undefined) return undefined;
      const caption = nonEmpty(media.caption);
      return {
        ...(caption === undefined ? {} : { text: caption }),
        media: {
          url: mediaPath(phoneNumberId, media.id),
          name: fileName(kind, media, message.id),
          contentType: bareType(media.mime_type) ?? MEDIA_KINDS[kind].type,
        },
      };
    }
    case 'location':
      return message.location === undefined ? undefined : { text: locationText(message.location) };
    case 'contacts': {
      const text = contactsText(message.contacts ?? []);
      return text === undefined ? undefined : { text };
    }
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      const text = nonEmpty(reply?.title);
      if (text === undefined) return undefined;
      const payload = nonEmpty(reply?.id);
      return { text, ...(payload === undefined ? {} : { quickReplyPayload: payload }) };
    }
    case 'button': {
      const text = nonEmpty(message.button?.text);
      if (text === undefined) return undefined;
      const payload = nonEmpty(message.button?.payload);
      return { text, ...(payload === undefined ? {} : { quickReplyPayload: payload }) };
    }
    default:
      return undefined;
  }
}
