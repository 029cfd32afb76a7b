import type { TvoxEvent } from '../contract/events.js';

/**
 * What tells one TVox event from another under the same sequence: the stream's epoch (when the
 * profile maps one), the session and the time it happened. A re-delivery carries the same; an
 * event of a stream TVox started again (its state reset, its sequences from 1 again) does not.
 */
export function eventKey(event: Pick<TvoxEvent, 'epoch' | 'sessionId' | 'at'>): string {
  return JSON.stringify([event.epoch ?? null, event.sessionId, event.at]);
}

/**
 * The key of an event recorded before events had keys: it matches any event of its sequence, as
 * the dedupe on sequence alone did.
 */
export const LEGACY_EVENT_KEY = '';

/**
 * How an event's sequence was seen before:
 * - `new`: never;
 * - `duplicate`: with this very event (a re-delivery, or recorded before events had keys);
 * - `restart`: with other events only: TVox started its stream again and gives sequences again.
 */
export type EventSighting = 'new' | 'duplicate' | 'restart';

/**
 * The sighting of an event of key `key` whose sequence was recorded with `recorded` keys. Pushes
 * that come late, out of order or several times always carry the key they were first recorded
 * with, so they are never taken for a restart.
 */
export function sightingOf(key: string, recorded: readonly string[]): EventSighting {
  if (recorded.length === 0) return 'new';
  return recorded.includes(key) || recorded.includes(LEGACY_EVENT_KEY) ? 'duplicate' : 'restart';
}

/**
 * Whether a poll answer shows that TVox started its event stream again: the highest sequence it
 * says it issued, or a sequence it returns, is not above the acknowledged `cursor`. TVox answers
 * events after the cursor only, and its highest sequence never goes back while its state lasts.
 * A `lastSequence` of 0 is an answer that does not say (the profile maps none).
 */
export function pollRestarted(
  cursor: number,
  batch: { readonly lastSequence: number; readonly sequences: readonly number[] },
): boolean {
  if (batch.lastSequence > 0 && batch.lastSequence < cursor) return true;
  return batch.sequences.some((sequence) => sequence <= cursor);
}
