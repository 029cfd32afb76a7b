import type { Capabilities } from '../model/capabilities.js';
import type { Attachment } from '../model/attachment.js';
import type { OutboundMessage } from '../model/outbound.js';
import { splitIntoCalls } from './call-parts.js';

/**
 * Adapts an outbound message to what a network renders and to what one call to it carries,
 * instead of failing: quick replies the network cannot show become numbered text; files it cannot
 * take (no file support, too large, a refused type) become a line with a link; then the message
 * is split into parts that each fit one call (`splitIntoCalls`), the quick replies on the last.
 * Returns the parts, in the order the customer should see them. The same message and capabilities
 * always give the same parts: each part's id is the original's with `#n` appended when there is
 * more than one, so a job that queues them again adds nothing, and a network that dedupes on the
 * id stays idempotent. A part adapted again is returned as it is.
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
  const parts = splitIntoCalls(text, kept, capabilities);
  const { text: _original, ...fields } = message;
  return parts.map((part, i) => ({
    ...fields,
    messageId: parts.length === 1 ? message.messageId : `${message.messageId}#${i + 1}`,
    ...(part.text === undefined ? {} : { text: part.text }),
    attachments: [...part.attachments],
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
