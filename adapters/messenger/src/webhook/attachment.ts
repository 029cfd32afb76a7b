import type { MediaRef } from '@tvox-connector/meta-graph';
import type { MessengerAttachment } from './event-schema.js';

/** The file types Messenger's attachments come as, by their `type`. */
const KINDS = {
  image: { type: 'image/jpeg', extension: 'jpg' },
  video: { type: 'video/mp4', extension: 'mp4' },
  audio: { type: 'audio/mp4', extension: 'mp4' },
  file: { type: 'application/octet-stream', extension: 'bin' },
} as const;

/** MIME types of the extensions a file's URL may end with. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  pdf: 'application/pdf',
  zip: 'application/zip',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The last segment of a URL's path, decoded, if it looks like a file name (`name.ext`). */
function fileNameOf(url: URL): string | undefined {
  const last = url.pathname.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    return undefined;
  }
  // A name of printable characters, with an extension: what a file name in a link looks like.
  return /^[^/\\]{1,200}\.[A-Za-z0-9]{1,8}$/.test(name) && !/\p{Cc}/u.test(name) ? name : undefined;
}

/**
 * A customer's attachment as a file to link to, or undefined for what is not a file (a shared
 * link, a template, a location) or has no usable URL. Messenger gives neither a name nor a type:
 * both come from the URL's file name where it has one, from the attachment's kind otherwise
 * (`image-2.jpg`).
 */
export function mediaOf(attachment: MessengerAttachment, index: number): MediaRef | undefined {
  const kind = KINDS[attachment.type as keyof typeof KINDS] as
    (typeof KINDS)[keyof typeof KINDS] | undefined;
  const given = attachment.payload?.url;
  if (kind === undefined || given === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const name = fileNameOf(url);
  const extension = name?.split('.').pop()?.toLowerCase();
  const typed = extension === undefined ? undefined : BY_EXTENSION[extension];
  return {
    url: url.href,
    name: name ?? `${attachment.type}-${index + 1}.${kind.extension}`,
    contentType:
      attachment.type === 'file' || typed?.startsWith(attachment.type)
        ? (typed ?? kind.type)
        : kind.type,
  };
}

/** A shared link (`fallback`) as text the agent can open: its title and URL. */
export function sharedLinkText(attachment: MessengerAttachment): string | undefined {
  if (attachment.type !== 'fallback') return undefined;
  const url = attachment.payload?.url;
  const title = attachment.payload?.title;
  if (url === undefined || url === '')
    return title === undefined || title === '' ? undefined : title;
  return title === undefined || title === '' ? url : `${title} ${url}`;
}
