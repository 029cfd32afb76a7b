import type { Capabilities } from '../model/capabilities.js';
import type { Attachment } from '../model/attachment.js';
import type { OutboundMessage } from '../model/outbound.js';
import { splitText } from './split-text.js';

/**
 * Adapts an outbound message to what a network renders, instead of failing: quick replies the
 * network cannot show become numbered text; files it cannot take (no file support, too large, a
 * refused type) become a line with a link; text over the limit is split at word boundaries.
 * Returns the messages to send, in order; each part's id is the original's with `#n` appended
 * when there is more than one, so a network that dedupes on it stays idempotent.
 */
export function adaptToCapabilities(
  message: OutboundMessage,
  capabilities: Capabilities,
): OutboundMessage[] {
  const { kept, linked } = sortAttachments(message.attachments, capabilities);
  const { quickReplies, numbered } = fitQuickReplies(message, capabilities);
  const text = [message.text, ...linked.map(linkLine), numbered]
    .filter((t): t is string => t !== undefined && t !== '')
    .join('\n\n');
  const chunks = text === '' ? [] : splitText(text, capabilities.maxTextLength);
  // Files go with the last text part, so that the text that introduces them comes first.
  const parts: { text?: string; attachments: Attachment[] }[] =
    chunks.length === 0
      ? [{ attachments: kept }]
      : chunks.map((chunk, i) => ({
          text: chunk,
          attachments: i === chunks.length - 1 ? kept : [],
        }));
  return parts.map((part, i) => ({
    ...message,
    messageId: parts.length === 1 ? message.messageId : `${message.messageId}#${i + 1}`,
    ...(part.text === undefined ? { text: undefined } : { text: part.text }),
    attachments: part.attachments,
    quickReplies: i === parts.length - 1 ? quickReplies : [],
  }));
}

/**
 * Whether `contentType` is one of `patterns` (MIME types, with `*` as a wildcard type or
 * subtype such as `image/*`), ignoring case and parameters such as `; charset=utf-8`.
 */
export function matchesContentType(patterns: readonly string[], contentType: string): boolean {
  const [type, subtype] = (contentType.split(';')[0] ?? '').trim().toLowerCase().split('/');
  return patterns.some((pattern) => {
    const [t, s] = pattern.toLowerCase().split('/');
    return (t === '*' || t === type) && (s === '*' || s === subtype);
  });
}

function sortAttachments(attachments: readonly Attachment[], capabilities: Capabilities) {
  const limits = capabilities.attachments;
  const fits = (a: Attachment): boolean =>
    limits !== undefined &&
    a.size <= limits.maxBytes &&
    matchesContentType(limits.contentTypes, a.contentType);
  return { kept: attachments.filter(fits), linked: attachments.filter((a) => !fits(a)) };
}

function linkLine(attachment: Attachment): string {
  return `${attachment.name} (${formatSize(attachment.size)}): ${attachment.url}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Quick replies the network shows as buttons, and the rest as numbered text. */
function fitQuickReplies(message: OutboundMessage, capabilities: Capabilities) {
  const limits = capabilities.quickReplies;
  const fitting =
    limits !== undefined &&
    message.quickReplies.length <= limits.max &&
    message.quickReplies.every((q) => q.title.length <= limits.maxTitleLength);
  if (fitting || message.quickReplies.length === 0)
    return { quickReplies: message.quickReplies, numbered: undefined };
  const numbered = message.quickReplies.map((q, i) => `${i + 1}. ${q.title}`).join('\n');
  return { quickReplies: [], numbered };
}
