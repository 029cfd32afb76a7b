import type { Attachment } from '@tvox-connector/core';
import { customerFile, webUrl, type MediaRef } from '@tvox-connector/meta-graph';
import type { InstagramAttachment, InstagramMessage } from './event-schema.js';

/** A customer's message as core carries it: a text (possibly with links), and files. */
export interface MessageContent {
  readonly text?: string;
  readonly attachments: Attachment[];
}

/**
 * A story mention as text the agent can open: Instagram gives the story's CDN URL, which stops
 * working once the story expires (24 hours) or is deleted, and Meta's terms forbid keeping its
 * content; so the link is passed as is, never fetched nor stored.
 */
function storyMentionText(attachment: InstagramAttachment): string {
  const url = webUrl(attachment.payload?.url)?.href;
  return url === undefined
    ? 'Mentioned you in their story.'
    : `Mentioned you in their story: ${url}`;
}

/** A shared post, reel or link as text: its title and URL, or undefined when it has neither. */
function sharedText(attachment: InstagramAttachment): string | undefined {
  const url = webUrl(attachment.payload?.url)?.href;
  const title = attachment.payload?.title;
  const parts = [title, url].filter((p) => p !== undefined && p !== '');
  return parts.length === 0 ? undefined : `Shared: ${parts.join(' ')}`;
}

/** The line a reply to one of the account's stories carries. */
function storyReplyText(message: InstagramMessage): string | undefined {
  const story = message.reply_to?.story;
  if (story === undefined) return undefined;
  const url = webUrl(story.url)?.href;
  return url === undefined ? 'In reply to your story.' : `In reply to your story: ${url}`;
}

/**
 * The text and files of a customer's message, or undefined when nothing in it is relayed.
 * Files (`image`, `video`, `audio`, `file`) are linked through the connector (`mediaLink`);
 * story mentions, story replies and shared posts or reels become text with their link.
 */
export function messageContent(
  message: InstagramMessage,
  mediaLink: (media: MediaRef) => string,
): MessageContent | undefined {
  const attachments: Attachment[] = [];
  const lines: string[] = [];
  (message.attachments ?? []).forEach((attachment, index) => {
    if (attachment.type === 'story_mention') {
      lines.push(storyMentionText(attachment));
      return;
    }
    const media = customerFile(attachment.type, attachment.payload?.url, index);
    if (media !== undefined) {
      attachments.push({
        name: media.name,
        contentType: media.contentType,
        size: 0,
        url: mediaLink(media),
      });
      return;
    }
    const shared = sharedText(attachment);
    if (shared !== undefined) lines.push(shared);
  });
  const text = [message.text, ...lines, storyReplyText(message)]
    .filter((t): t is string => t !== undefined && t !== '')
    .join('\n');
  if (text === '' && attachments.length === 0) return undefined;
  return { ...(text === '' ? {} : { text }), attachments };
}
