import { avatar, channelBadge } from './badges.js';
import { fill, h, keepingFocus } from './dom.js';
import { contactName, fullWhen, shortWhen } from './format.js';
import { groupSessions, lastActivity, lastMessage, preview } from './session-model.js';
import type { Presence, Session } from './types.js';

export interface SessionListHandlers {
  readonly onSelect: (sessionId: string) => void;
  readonly onAccept: (sessionId: string) => void;
  readonly onDecline: (sessionId: string) => void;
}

/** What the list needs besides the sessions. */
export interface SessionListState {
  readonly sessions: readonly Session[];
  readonly selectedId: string | undefined;
  readonly presence: Presence;
  readonly unread: (session: Session) => number;
}

/**
 * The left column: offered sessions (with a countdown and Accept/Decline), sessions in progress,
 * and recently closed ones, each with the contact, the channel and the subject.
 */
export class SessionList {
  private readonly body = h('div', { class: 'sessions__body', testid: 'session-list' });
  readonly element: HTMLElement;

  constructor(private readonly handlers: SessionListHandlers) {
    this.element = h(
      'nav',
      { class: 'sessions', attrs: { 'aria-label': 'Sessions' } },
      h('h2', { class: 'visually-hidden' }, 'Sessions'),
      this.body,
    );
  }

  render(state: SessionListState): void {
    keepingFocus(this.body, () => {
      const groups = groupSessions(state.sessions);
      if (state.sessions.length === 0) {
        fill(this.body, this.empty(state.presence));
        return;
      }
      fill(
        this.body,
        this.group('offered', 'Offered', groups.offered, state),
        this.group('assigned', 'In progress', groups.assigned, state),
        this.group('closed', 'Recently closed', groups.closed, state),
      );
    });
  }

  private empty(presence: Presence): HTMLElement {
    return h(
      'div',
      { class: 'sessions__empty', testid: 'list-empty' },
      h(
        'p',
        { class: 'sessions__empty-title' },
        'No sessions yet — you will be offered one when a customer writes',
      ),
      presence === 'away'
        ? h(
            'p',
            { class: 'sessions__empty-hint' },
            'You are Away: switch to Available to receive new sessions.',
          )
        : null,
    );
  }

  private group(
    kind: 'offered' | 'assigned' | 'closed',
    title: string,
    sessions: readonly Session[],
    state: SessionListState,
  ): HTMLElement | null {
    if (sessions.length === 0) return null;
    const headingId = `sessions-${kind}`;
    return h(
      'section',
      {
        class: `sessions__group sessions__group--${kind}`,
        testid: `group-${kind}`,
        attrs: { 'aria-labelledby': headingId },
      },
      h(
        'h3',
        { class: 'sessions__heading', attrs: { id: headingId } },
        title,
        h('span', { class: 'sessions__count' }, String(sessions.length)),
      ),
      h('ul', { class: 'sessions__items' }, ...sessions.map((s) => this.item(s, state))),
    );
  }

  private item(session: Session, state: SessionListState): HTMLElement {
    const id = session.sessionId;
    const name = contactName(session.contact);
    const selected = id === state.selectedId;
    const unread = state.unread(session);
    const last = lastMessage(session);
    const when = lastActivity(session);
    const offered = session.status === 'BOOKED';

    const select = h(
      'button',
      {
        class: 'session-item__select',
        testid: 'session-select',
        attrs: {
          type: 'button',
          'aria-current': selected ? 'true' : undefined,
          'data-focus-key': `select:${id}`,
        },
        on: {
          click: () => {
            this.handlers.onSelect(id);
          },
        },
      },
      avatar(name, session.contact.id),
      h(
        'span',
        { class: 'session-item__text' },
        h(
          'span',
          { class: 'session-item__line' },
          h('span', { class: 'session-item__name', testid: 'session-contact' }, name),
          h(
            'time',
            { class: 'session-item__time', attrs: { datetime: when, title: fullWhen(when) } },
            shortWhen(when),
          ),
        ),
        h(
          'span',
          { class: 'session-item__line' },
          channelBadge(session.contact.channel),
          h(
            'span',
            { class: 'session-item__subject', testid: 'session-subject' },
            session.subject ?? 'No subject',
          ),
        ),
        h(
          'span',
          { class: 'session-item__line' },
          h(
            'span',
            { class: 'session-item__preview' },
            last === undefined
              ? 'No messages yet'
              : `${last.from === 'agent' ? 'You: ' : ''}${preview(last)}`,
          ),
          unread > 0
            ? h(
                'span',
                { class: 'unread', testid: 'unread', attrs: { title: `${unread} unread` } },
                String(unread),
                h('span', { class: 'visually-hidden' }, ' unread'),
              )
            : null,
        ),
      ),
    );

    const actions = offered
      ? h(
          'div',
          { class: 'session-item__offer' },
          h('span', {
            class: 'countdown',
            testid: 'offer-countdown',
            attrs: { 'data-expires-at': session.offerExpiresAt },
          }),
          h(
            'button',
            {
              class: 'button button--small button--secondary',
              testid: 'session-decline',
              attrs: {
                type: 'button',
                'data-focus-key': `decline:${id}`,
                'aria-label': `Decline session with ${name}`,
              },
              on: {
                click: () => {
                  this.handlers.onDecline(id);
                },
              },
            },
            'Decline',
          ),
          h(
            'button',
            {
              class: 'button button--small button--primary',
              testid: 'session-accept',
              attrs: {
                type: 'button',
                'data-focus-key': `accept:${id}`,
                'aria-label': `Accept session with ${name}`,
              },
              on: {
                click: () => {
                  this.handlers.onAccept(id);
                },
              },
            },
            'Accept',
          ),
        )
      : null;

    return h(
      'li',
      {
        class: `session-item session-item--${session.status.toLowerCase()}${selected ? ' is-selected' : ''}${unread > 0 ? ' has-unread' : ''}`,
        testid: 'session-item',
        attrs: { 'data-session-id': id, 'data-status': session.status },
      },
      select,
      actions,
    );
  }
}
