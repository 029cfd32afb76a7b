import { el, safeHref } from './dom.js';
import type { FileInfo, MessageFrame, QuickReply } from './types.js';

/** How the visitor's own message is doing. */
export type DeliveryStatus = 'sending' | 'sent' | 'failed';

const STATUS_TEXT: Record<DeliveryStatus, string> = {
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
};

function fileView(file: FileInfo): HTMLElement {
  const href = safeHref(file.url);
  const label = `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)`;
  const link = el(
    'a',
    { testid: 'attachment', attrs: { href, target: '_blank', rel: 'noopener' } },
    label,
  );
  const image = /^image\/(png|jpeg|gif|webp)$/i.test(file.contentType) && href !== undefined;
  return el(
    'span',
    { class: 'file' },
    link,
    image && el('img', { attrs: { src: href, alt: file.name } }),
  );
}

/**
 * The conversation as the visitor sees it: each message once (by id, however often it arrives:
 * live, replayed after a reconnect, echoed from another tab), the agent's name above their
 * messages, notices from the connector (agent joined, conversation closed) set apart, and the
 * latest message's quick replies as buttons.
 */
export class Transcript {
  readonly element = el('div', {
    class: 'log',
    testid: 'transcript',
    attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: 0 },
  });
  private readonly shown = new Map<string, HTMLElement>();
  private quickReplies: HTMLElement | undefined;

  constructor(private readonly onQuickReply: (reply: QuickReply) => void) {}

  has(id: string): boolean {
    return this.shown.has(id);
  }

  /** Shows a message unless it is shown already; returns whether it is new. */
  add(message: MessageFrame, status?: DeliveryStatus): boolean {
    const existing = this.shown.get(message.id);
    if (existing) {
      if (status !== undefined) this.setStatus(message.id, status);
      return false;
    }
    const author =
      message.origin === 'agent'
        ? el('span', { class: 'author', testid: 'author' }, message.agentName ?? 'Agent')
        : undefined;
    const view = el(
      'div',
      {
        class: 'message',
        testid: 'message',
        attrs: { 'data-id': message.id, 'data-origin': message.origin },
      },
      author,
      message.text !== undefined && el('span', { testid: 'message-text' }, message.text),
      ...message.attachments.map(fileView),
    );
    this.shown.set(message.id, view);
    this.quickReplies?.remove();
    this.quickReplies = undefined;
    this.element.append(view);
    if (status !== undefined) this.setStatus(message.id, status);
    if (message.quickReplies.length > 0) this.showQuickReplies(message.quickReplies);
    this.element.scrollTop = this.element.scrollHeight;
    return true;
  }

  /** Updates the delivery status shown under one of the visitor's messages. */
  setStatus(id: string, status: DeliveryStatus, reason?: string): void {
    const view = this.shown.get(id);
    if (!view) return;
    view.dataset.status = status;
    view.querySelector('.status')?.remove();
    const text = reason === undefined ? STATUS_TEXT[status] : `${STATUS_TEXT[status]}: ${reason}`;
    view.append(el('span', { class: 'status', testid: 'message-status' }, text));
  }

  private showQuickReplies(replies: readonly QuickReply[]): void {
    const group = el('div', {
      class: 'quick-replies',
      testid: 'quick-replies',
      attrs: { role: 'group', 'aria-label': 'Suggested replies' },
    });
    for (const reply of replies) {
      const button = el('button', { attrs: { type: 'button' } }, reply.title);
      button.addEventListener('click', () => {
        group.remove();
        this.quickReplies = undefined;
        this.onQuickReply(reply);
      });
      group.append(button);
    }
    this.quickReplies = group;
    this.element.append(group);
  }
}
