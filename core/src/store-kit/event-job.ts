import type { TvoxEvent } from '../contract/events.js';
import type { EventPlacement, NewJob } from '../interfaces/store.js';

/**
 * The `applyEvent` job `recordEvents` enqueues for a new `event`: in the lane `placement` gives
 * it, ordered by the event's sequence, held until `placement.notBefore` when there is one.
 */
export function applyEventJob(event: TvoxEvent, placement: EventPlacement): NewJob {
  const { laneOf, notBefore } = placement;
  return {
    kind: 'applyEvent',
    lane: laneOf(event),
    order: event.sequence,
    payload: event,
    ...(notBefore === undefined ? {} : { notBefore }),
  };
}
