import { customerFile, type MediaRef } from '@tvox-connector/meta-graph';
import type { MessengerAttachment } from './event-schema.js';

/**
 * A customer's attachment as a file to link to, or undefined for what is not a file (a shared
 * link, a template, a location) or has no usable URL; named and typed as meta-graph's
 * `customerFile` does.
 */
export function mediaOf(attachment: MessengerAttachment, index: number): MediaRef | undefined {
  return customerFile(attachment.type, attachment.payload?.url, index);
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
