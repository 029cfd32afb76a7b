import { channelBadge } from './badges.js';
import { type Child, h } from './dom.js';
import { contactName, dateTime, fullWhen } from './format.js';
import type { Session } from './types.js';

type Row = readonly [label: string, value: Child, testid?: string];

/** A definition list of the rows that have a value. */
function definitions(rows: readonly Row[], testid?: string): HTMLElement {
  return h(
    'dl',
    { class: 'details', ...(testid === undefined ? {} : { testid }) },
    ...rows
      .filter(([, value]) => value !== undefined && value !== null && value !== false)
      .flatMap(([label, value, id]) => [
        h('dt', { class: 'details__term' }, label),
        h('dd', { class: 'details__value', ...(id === undefined ? {} : { testid: id }) }, value),
      ]),
  );
}

function section(title: string, ...content: Child[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h3', { class: 'panel__title' }, title), ...content);
}

/** Channel data as the connector sent it, pretty-printed when it is JSON. */
function channelData(raw: string): HTMLElement {
  let text = raw;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null) text = JSON.stringify(parsed, null, 2);
  } catch {
    // Not JSON: shown as sent.
  }
  return h('pre', { class: 'code-block', testid: 'channel-data' }, text);
}

/**
 * The right-hand panel: who the contact is, where they write from, and the attributes the
 * connector passed for routing and the agent's pop-up.
 */
export function contactDetails(session: Session): HTMLElement {
  const { contact } = session;
  const email = contact.email;
  const phone = contact.phone;
  const attributes = Object.entries(session.attributes).sort(([a], [b]) => a.localeCompare(b));
  return h(
    'aside',
    {
      class: 'session-details',
      testid: 'session-details',
      attrs: { 'aria-label': 'Session details' },
    },
    section(
      'Contact',
      definitions([
        ['Name', contactName(contact), 'detail-name'],
        ['Contact id', h('span', { class: 'mono' }, contact.id), 'detail-contact-id'],
        [
          'Phone',
          phone === undefined ? null : h('a', { attrs: { href: `tel:${phone}` } }, phone),
          'detail-phone',
        ],
        [
          'Email',
          email === undefined ? null : h('a', { attrs: { href: `mailto:${email}` } }, email),
          'detail-email',
        ],
        ['Locale', contact.locale, 'detail-locale'],
      ]),
    ),
    section(
      'Channel',
      definitions([
        ['Channel', channelBadge(contact.channel), 'detail-channel'],
        [
          'Channel session',
          h('span', { class: 'mono' }, session.channelSessionId),
          'channel-session-id',
        ],
        ['Service', session.serviceCode],
        ['Connector', session.connectorCode],
        ['Session id', h('span', { class: 'mono' }, session.sessionId), 'detail-session-id'],
        [
          'Opened',
          h(
            'time',
            { attrs: { datetime: session.createdAt, title: fullWhen(session.createdAt) } },
            dateTime(session.createdAt),
          ),
        ],
      ]),
      session.channelData === undefined
        ? null
        : h(
            'div',
            { class: 'panel__block' },
            h('h4', { class: 'panel__subtitle' }, 'Channel data'),
            channelData(session.channelData),
          ),
    ),
    section(
      'Attributes',
      attributes.length === 0
        ? h('p', { class: 'muted', testid: 'attributes-empty' }, 'No attributes')
        : definitions(
            attributes.map(([key, value]) => [key, value] as const),
            'attributes',
          ),
    ),
  );
}
