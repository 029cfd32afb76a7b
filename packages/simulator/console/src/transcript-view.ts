import { h, safeHref } from './dom.js';
import { clockTime, contactName, dayKey, dayLabel, fileSize, fullWhen } from './format.js';
import type { Attachment, Session, TranscriptEntry } from './types.js';

/** Within this many pixels of the bottom, new messages keep the view scrolled to the end. */
const STICKY_PX = 48;

/**
 * The conversation: customer messages on the left, agent messages on the right, with times, day
 * separators and attachments. New messages are appended to a live region so assistive technology
 * announces them; switching sessions replaces the region instead, so history is not read out.
 */
export class TranscriptView {
  readonly element = h('div', { class: 'transcript-scroll' });
  private log = this.newLog();
  private sessionId: string | undefined;
  private readonly rendered = new Set<string>();
  private lastDay: string | undefined;
  private empty: HTMLElement | undefined;

  constructor() {
    this.element.append(this.log);
  }

  /** Shows `session`'s transcript; only messages not shown yet are added. */
  show(session: Session, agentName: (code: string | undefined) => string): void {
    if (session.sessionId !== this.sessionId) {
      this.sessionId = session.sessionId;
      this.rendered.clear();
      this.lastDay = undefined;
      this.empty = undefined;
      const log = this.newLog();
      this.log.replaceWith(log);
      this.log = log;
      this.append(session, agentName);
      this.element.scrollTop = this.element.scrollHeight;
      return;
    }
    const atBottom =
      this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight < STICKY_PX;
    const added = this.append(session, agentName);
    if (added.length > 0 && (atBottom || added.some((m) => m.from === 'agent'))) {
      this.element.scrollTop = this.element.scrollHeight;
    }
  }

  private append(
    session: Session,
    agentName: (code: string | undefined) => string,
  ): TranscriptEntry[] {
    const added = session.transcript.filter((m) => !this.rendered.has(m.messageId));
    if (session.transcript.length === 0 && this.empty === undefined) {
      this.empty = h(
        'p',
        { class: 'transcript__empty', testid: 'transcript-empty' },
        'No messages yet.',
      );
      this.log.append(this.empty);
    }
    if (added.length > 0) {
      this.empty?.remove();
      this.empty = undefined;
    }
    for (const entry of added) {
      this.rendered.add(entry.messageId);
      const day = dayKey(entry.at);
      if (day !== this.lastDay) {
        this.lastDay = day;
        this.log.append(
          h(
            'div',
            { class: 'transcript__day', attrs: { role: 'separator' } },
            h('span', {}, dayLabel(entry.at)),
          ),
        );
      }
      const author =
        entry.from === 'customer' ? contactName(session.contact) : agentName(entry.agentCode);
      this.log.append(message(entry, author));
    }
    return added;
  }

  private newLog(): HTMLElement {
    return h('div', {
      class: 'transcript',
      testid: 'transcript',
      attrs: {
        role: 'log',
        'aria-live': 'polite',
        'aria-label': 'Conversation',
        'aria-relevant': 'additions',
      },
    });
  }
}

function message(entry: TranscriptEntry, author: string): HTMLElement {
  return h(
    'article',
    {
      class: `message message--${entry.from}`,
      testid: 'message',
      attrs: { 'data-from': entry.from, 'data-message-id': entry.messageId },
    },
    h(
      'div',
      { class: 'message__bubble' },
      h('span', { class: 'visually-hidden' }, `${author}: `),
      entry.text === undefined
        ? null
        : h('p', { class: 'message__text', testid: 'message-text' }, entry.text),
      entry.attachments.length === 0
        ? null
        : h(
            'ul',
            { class: 'attachments', attrs: { 'aria-label': 'Attachments' } },
            ...entry.attachments.map(attachment),
          ),
    ),
    h(
      'p',
      { class: 'message__meta' },
      h('span', { class: 'message__author' }, author),
      h('time', { attrs: { datetime: entry.at, title: fullWhen(entry.at) } }, clockTime(entry.at)),
    ),
  );
}

function attachment(file: Attachment): HTMLElement {
  const href = safeHref(file.url);
  const content = [
    h(
      'span',
      { class: 'attachment__icon', attrs: { 'aria-hidden': 'true' } },
      extension(file.name),
    ),
    h(
      'span',
      { class: 'attachment__text' },
      h('span', { class: 'attachment__name' }, file.name),
      h('span', { class: 'attachment__size' }, `${fileSize(file.size)} · ${file.contentType}`),
    ),
  ];
  return h(
    'li',
    {},
    href === undefined
      ? h(
          'span',
          {
            class: 'attachment',
            testid: 'attachment',
            attrs: { title: 'No safe link for this file' },
          },
          ...content,
        )
      : h(
          'a',
          {
            class: 'attachment',
            testid: 'attachment',
            attrs: {
              href,
              target: '_blank',
              rel: 'noopener noreferrer',
              title: `Open ${file.name}`,
            },
          },
          ...content,
        ),
  );
}

/** Up to four letters of a file's extension, for its icon. */
function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1, dot + 5) : '';
  return ext === '' ? 'FILE' : ext.toUpperCase();
}
