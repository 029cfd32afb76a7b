import { Composer, type ComposerHandlers } from './composer.js';
import { contactDetails } from './contact-details.js';
import { fill, h, keepingFocus } from './dom.js';
import { contactName } from './format.js';
import { sessionHeader, type SessionHeaderHandlers } from './session-header.js';
import { TranscriptView } from './transcript-view.js';
import type { Agent, Session } from './types.js';

export type SessionPaneHandlers = SessionHeaderHandlers & ComposerHandlers;

/**
 * The main pane: the selected session's header, its conversation with the composer, and the
 * contact details beside it; or an empty state when nothing is selected.
 */
export class SessionPane {
  private readonly header = h('div', { class: 'pane__header' });
  private readonly banner = h('div', { class: 'pane__banner' });
  private readonly transcript = new TranscriptView();
  private readonly composer: Composer;
  private readonly footer = h('div', { class: 'pane__footer' });
  private readonly details = h('div', { class: 'pane__details' });
  private readonly conversation: HTMLElement;
  private readonly emptyPane = h('div', { class: 'pane__empty', testid: 'pane-empty' });
  private shownId: string | undefined;
  private shownStatus: Session['status'] | undefined;

  readonly element: HTMLElement;

  constructor(private readonly handlers: SessionPaneHandlers) {
    this.composer = new Composer(handlers);
    this.conversation = h(
      'section',
      { class: 'pane__conversation', attrs: { 'aria-label': 'Conversation' } },
      this.header,
      h(
        'div',
        { class: 'pane__body' },
        h('div', { class: 'pane__chat' }, this.banner, this.transcript.element, this.footer),
        this.details,
      ),
    );
    this.element = h(
      'main',
      { class: 'pane', testid: 'session-pane' },
      this.emptyPane,
      this.conversation,
    );
  }

  /** Shows `session`, or the empty state when there is none. */
  show(session: Session | undefined, agent: Agent, hasSessions: boolean): void {
    if (session === undefined) {
      this.shownId = undefined;
      this.shownStatus = undefined;
      delete this.element.dataset.sessionId;
      this.conversation.hidden = true;
      this.emptyPane.hidden = false;
      fill(this.emptyPane, ...emptyState(hasSessions, agent));
      this.composer.attach(undefined, '');
      return;
    }
    const switched = session.sessionId !== this.shownId;
    const accepted = !switched && this.shownStatus === 'BOOKED' && session.status === 'ASSIGNED';
    this.shownId = session.sessionId;
    this.shownStatus = session.status;
    this.emptyPane.hidden = true;
    this.conversation.hidden = false;
    this.element.dataset.sessionId = session.sessionId;

    keepingFocus(this.header, () => {
      fill(this.header, sessionHeader(session, this.handlers));
    });
    fill(this.banner, banner(session));
    fill(this.details, contactDetails(session));
    this.transcript.show(session, (code) =>
      code === undefined || code === agent.code ? agent.name : code,
    );

    const name = contactName(session.contact);
    if (session.status === 'ASSIGNED') {
      if (!this.footer.contains(this.composer.element)) fill(this.footer, this.composer.element);
      this.composer.attach(session.sessionId, name);
      if (switched || accepted) this.composer.focus();
    } else {
      this.composer.attach(undefined, name);
      fill(this.footer, footerNote(session));
    }
  }
}

function emptyState(hasSessions: boolean, agent: Agent): HTMLElement[] {
  const title = hasSessions ? 'No session selected' : 'Waiting for customers';
  const text = hasSessions
    ? 'Pick a session on the left to read the conversation and reply.'
    : agent.presence === 'away'
      ? 'You are Away. Switch to Available to be offered sessions.'
      : 'No sessions yet — you will be offered one when a customer writes.';
  return [
    h('div', { class: 'pane__empty-icon', attrs: { 'aria-hidden': 'true' } }),
    h('h2', { class: 'pane__empty-title' }, title),
    h('p', { class: 'pane__empty-text' }, text),
  ];
}

function banner(session: Session): HTMLElement | null {
  if (session.status === 'BOOKED') {
    return h(
      'p',
      { class: 'banner banner--offer', testid: 'offer-banner' },
      'This session is offered to you. Accept it to reply, or decline it to pass it to a colleague.',
    );
  }
  if (session.status === 'CLOSED') {
    return h(
      'p',
      { class: 'banner banner--closed', testid: 'closed-banner' },
      'Closed',
      session.closeReason === undefined ? '' : ` — ${session.closeReason}`,
    );
  }
  return null;
}

function footerNote(session: Session): HTMLElement {
  const text =
    session.status === 'CLOSED'
      ? 'This session is closed. The customer’s next message opens a new one.'
      : 'Accept the session to reply.';
  return h('p', { class: 'pane__footer-note' }, text);
}
