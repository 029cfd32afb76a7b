import type { MediaRef } from './media-links.js';

/** The file types Meta's attachments come as, by their `type`. */
const KINDS = {
  image: { type: 'image/jpeg', extension: 'jpg' },
  video: { type: 'video/mp4', extension: 'mp4' },
  audio: { type: 'audio/mp4', extension: 'mp4' },
  file: { type: 'application/octet-stream', extension: 'bin' },
} as const;

/** An attachment kind Meta sends customers' files as. */
export type CustomerFileKind = keyof typeof KINDS;

/** Whether an attachment `type` is one of a customer's files. */
export function isCustomerFileKind(type: string): type is CustomerFileKind {
  return Object.hasOwn(KINDS, type);
}

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

/** An `http(s)` URL, parsed; undefined for anything else. */
export function webUrl(given: string | undefined): URL | undefined {
  if (given === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}

/**
 * A customer's attachment (`image`, `video`, `audio` or `file` with its CDN URL) as a file to
 * link to, or undefined for another kind or a URL that is not a web address. Meta gives neither a
 * name nor a type: both come from the URL's file name where it has one, from the attachment's
 * kind otherwise (`image-2.jpg` for the second attachment).
 */
export function customerFile(
  type: string,
  given: string | undefined,
  index: number,
): MediaRef | undefined {
  const url = webUrl(given);
  if (!isCustomerFileKind(type) || url === undefined) return undefined;
  const kind = KINDS[type];
  const name = fileNameOf(url);
  const extension = name?.split('.').pop()?.toLowerCase();
  const typed = extension === undefined ? undefined : BY_EXTENSION[extension];
  return {
    url: url.href,
    name: name ?? `${type}-${index + 1}.${kind.extension}`,
    contentType: type === 'file' || typed?.startsWith(type) ? (typed ?? kind.type) : kind.type,
  };
}
