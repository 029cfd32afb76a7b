import { avatar, channelBadge, statusPill } from './badges.js';
import { h } from './dom.js';
import { contactName } from './format.js';
import type { Session } from './types.js';

export interface SessionHeaderHandlers {
  readonly onAccept: (sessionId: string) => void;
  readonly onDecline: (sessionId: string) => void;
  readonly onClose: (session: Session) => void;
}

/** The selected session's header: who, on which channel, its status, and what the agent can do. */
export function sessionHeader(session: Session, handlers: SessionHeaderHandlers): HTMLElement {
  const { contact } = session;
  const name = contactName(contact);
  const id = session.sessionId;
  const button = (
    label: string,
    testid: string,
    variant: string,
    onClick: () => void,
  ): HTMLButtonElement =>
    h(
      'button',
      {
        class: `button ${variant}`,
        testid,
        attrs: { type: 'button', 'data-focus-key': `header:${testid}` },
        on: { click: onClick },
      },
      label,
    );

  const actions =
    session.status === 'BOOKED'
      ? [
          h('span', {
            class: 'countdown countdown--header',
            testid: 'header-countdown',
            attrs: { 'data-expires-at': session.offerExpiresAt },
          }),
          button('Decline', 'header-decline', 'button--secondary', () => {
            handlers.onDecline(id);
          }),
          button('Accept', 'header-accept', 'button--primary', () => {
            handlers.onAccept(id);
          }),
        ]
      : session.status === 'ASSIGNED'
        ? [
            button('Close session…', 'session-close', 'button--danger-outline', () => {
              handlers.onClose(session);
            }),
          ]
        : [];

  return h(
    'header',
    { class: 'session-header', testid: 'session-header' },
    avatar(name, contact.id, 'large'),
    h(
      'div',
      { class: 'session-header__who' },
      h('h2', { class: 'session-header__name', testid: 'contact-name' }, name),
      h(
        'p',
        { class: 'session-header__meta' },
        channelBadge(contact.channel),
        h(
          'span',
          { class: 'meta-item mono', testid: 'contact-id', attrs: { title: 'Contact id' } },
          contact.id,
        ),
        contact.phone === undefined
          ? null
          : h('span', { class: 'meta-item', testid: 'contact-phone' }, contact.phone),
        contact.email === undefined
          ? null
          : h('span', { class: 'meta-item', testid: 'contact-email' }, contact.email),
        contact.locale === undefined
          ? null
          : h(
              'span',
              { class: 'meta-item', testid: 'contact-locale', attrs: { title: 'Locale' } },
              contact.locale,
            ),
        statusPill(session.status),
      ),
      session.subject === undefined
        ? null
        : h(
            'p',
            { class: 'session-header__subject', testid: 'session-header-subject' },
            session.subject,
          ),
    ),
    h('div', { class: 'session-header__actions' }, ...actions),
  );
}
