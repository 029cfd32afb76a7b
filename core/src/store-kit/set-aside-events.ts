import type { UnreadableEvent } from '../profile/read-events.js';
import { step, type Procedure } from './procedure.js';
import type { StoreTables } from './store-tables.js';
import { unreadableEventLetter } from './unreadable-event.js';

/** `Store.setAsideEvents`: keeps each unreadable event as its dead letter, once; how many were new. */
export function* setAsideEvents(
  tables: StoreTables,
  events: readonly UnreadableEvent[],
  now: number,
): Procedure<number> {
  let setAside = 0;
  for (const event of events) {
    if (yield* step(tables.deadLetters.setAside(unreadableEventLetter(event), now))) setAside += 1;
  }
  return setAside;
}
