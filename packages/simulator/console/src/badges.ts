import { h } from './dom.js';
import { hueOf, initials } from './format.js';
import type { SessionStatus } from './types.js';

/** The channel a contact writes on, as a coloured badge (one colour per channel). */
export function channelBadge(channel: string): HTMLElement {
  const badge = h(
    'span',
    {
      class: 'badge badge--channel',
      testid: 'channel-badge',
      attrs: { title: `Channel: ${channel}` },
    },
    channel,
  );
  badge.style.setProperty('--hue', String(hueOf(channel)));
  return badge;
}

const STATUS_LABELS: Record<SessionStatus, string> = {
  NEW: 'New',
  QUEUED: 'Queued',
  BOOKED: 'Offered',
  ASSIGNED: 'In progress',
  CLOSED: 'Closed',
};

/** A session's status as a pill. */
export function statusPill(status: SessionStatus): HTMLElement {
  return h(
    'span',
    {
      class: `pill pill--${status.toLowerCase()}`,
      testid: 'session-status',
      attrs: { 'data-status': status },
    },
    STATUS_LABELS[status],
  );
}

/** Initials in a circle, coloured after `seed`. */
export function avatar(
  name: string,
  seed: string,
  size: 'small' | 'medium' | 'large' = 'medium',
): HTMLElement {
  const element = h(
    'span',
    { class: `avatar avatar--${size}`, attrs: { 'aria-hidden': 'true' } },
    initials(name),
  );
  element.style.setProperty('--hue', String(hueOf(seed)));
  return element;
}
