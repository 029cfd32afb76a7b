import type { Contact } from './types.js';

/** The name to show for a contact: their display name, or their id. */
export function contactName(contact: Contact): string {
  return contact.displayName ?? contact.id;
}

/** Up to two initials for an avatar. */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const letters = words.length > 1 ? [words[0]?.[0], words.at(-1)?.[0]] : [words[0]?.slice(0, 2)];
  return letters.join('').toUpperCase() || '?';
}

/** A stable hue (0–359) for a text, so a channel or contact keeps its colour. */
export function hueOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 3600;
  return Math.floor(hash / 10);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const longDayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});

/** `14:05`. */
export function clockTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** `14:05` today, `3 Mar` otherwise: for list rows. */
export function shortWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return date.toDateString() === now.toDateString()
    ? timeFormat.format(date)
    : dayFormat.format(date);
}

/** Full date and time, for tooltips. */
export function fullWhen(iso: string): string {
  return fullFormat.format(new Date(iso));
}

/** Date and time to the minute: `Nov 25, 2026, 11:27 AM`. */
export function dateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** `Today`, `Yesterday` or `Monday 3 March`: transcript day separators. */
export function dayLabel(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (date.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return longDayFormat.format(date);
}

/** The local day an ISO time falls on, to group messages. */
export function dayKey(iso: string): string {
  return new Date(iso).toDateString();
}

/** `980 B`, `12.4 KB`, `3.1 MB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'GB'}`;
}

/** Time left as `m:ss`, never negative. */
export function countdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
