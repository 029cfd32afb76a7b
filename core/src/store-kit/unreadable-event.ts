import { createHash } from 'node:crypto';
import { ErrorCode } from '../errors/error-code.js';
import type { Failure, NewJob, UnreadEventPayload } from '../interfaces/store.js';
import type { UnreadableEvent } from '../profile/read-events.js';
import { lanes } from '../relay/lanes.js';
import { toJsonColumn } from './json-column.js';

/** How a store keeps a TVox event the profile could not read: a dead letter of its own. */
export interface UnreadableEventLetter {
  /** The `applyEvent` job a replay puts back in the outbox; its payload is the raw event. */
  readonly job: NewJob & { readonly payload: UnreadEventPayload };
  readonly failure: Failure;
  /**
   * Names the event among those set aside, so that one delivered again is kept once: its
   * sequence, or a digest of its raw payload when it has none.
   */
  readonly eventKey: string;
}

/** The dead letter of an unreadable event, as every store keeps it. */
export function unreadableEventLetter(event: UnreadableEvent): UnreadableEventLetter {
  const eventKey =
    event.sequence === undefined
      ? `raw:${createHash('sha256')
          .update(toJsonColumn(event.raw) ?? 'undefined')
          .digest('hex')}`
      : `sequence:${event.sequence}`;
  return {
    job: {
      kind: 'applyEvent',
      lane: lanes.unreadableEvents,
      payload: { unread: event },
    },
    failure: {
      code: ErrorCode.InvalidInput,
      message: `the TVox event could not be read with the contract profile: ${event.reason}`,
    },
    eventKey,
  };
}
