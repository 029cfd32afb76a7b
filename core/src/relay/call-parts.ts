import type { Attachment } from '../model/attachment.js';
import type { Capabilities } from '../model/capabilities.js';
import { splitText } from './split-text.js';

/** What one call to the network carries: a text, or files with their caption. */
export interface CallPart {
  readonly text?: string;
  readonly attachments: readonly Attachment[];
}

/**
 * Splits what is to be sent of a message (its text and the files the network takes) into parts
 * that each fit one call, in the order the customer reads them: the text first, split where
 * `maxTextLength` says, then the files, `attachments.maxPerCall` at a time. The text's last part
 * goes with the first files as their caption when it fits `attachments.maxCaptionLength`: the
 * text introducing the files stays next to them. Concatenated, the parts' texts give back the
 * text; the files are each in one part, in their order.
 */
export function splitIntoCalls(
  text: string,
  files: readonly Attachment[],
  capabilities: Capabilities,
): CallPart[] {
  const texts = text === '' ? [] : splitText(text, capabilities.maxTextLength);
  const groups = inGroupsOf(files, capabilities.attachments?.maxPerCall ?? files.length);
  const last = texts.at(-1);
  const captionLimit = capabilities.attachments?.maxCaptionLength ?? capabilities.maxTextLength;
  const caption =
    groups.length > 0 && last !== undefined && last.length <= captionLimit ? last : undefined;
  const ownCalls = caption === undefined ? texts : texts.slice(0, -1);
  return [
    ...ownCalls.map((part) => ({ text: part, attachments: [] })),
    ...groups.map((attachments, i) =>
      i === 0 && caption !== undefined ? { text: caption, attachments } : { attachments },
    ),
  ];
}

/** `items` in consecutive groups of `size`; none for no items. */
function inGroupsOf<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    groups.push(items.slice(start, start + size));
  return groups;
}
