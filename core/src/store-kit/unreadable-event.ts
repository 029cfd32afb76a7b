import { createHash } from 'node:crypto';
import { ErrorCode } from '../errors/error-code.js';
import type { Failure, NewJob, UnreadEventPayload } from '../interfaces/store.js';
import type { UnreadableEvent } from '../profile/read-events.js';
import { lanes } from '../relay/lanes.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';
import type { JobRow } from './job-row.js';

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

/** Names an unreadable event among those set aside: its sequence, or a digest of its payload. */
function unreadableEventKey(event: UnreadableEvent): string {
  return event.sequence === undefined
    ? `raw:${createHash('sha256')
        .update(toJsonColumn(event.raw) ?? 'undefined')
        .digest('hex')}`
    : `sequence:${event.sequence}`;
}

/**
 * The `event_key` of a job going to the dead letters: that of the unreadable event it carries
 * (a set-aside event replayed and still unreadable keeps its key, so that TVox delivering it again
 * adds nothing), none for any other job.
 */
export function deadLetterEventKey(row: Pick<JobRow, 'kind' | 'payload'>): string | null {
  if (row.kind !== 'applyEvent') return null;
  const payload = fromJsonColumn(row.payload) as Partial<UnreadEventPayload> | undefined;
  const unread = payload?.unread;
  return unread === undefined ? null : unreadableEventKey(unread);
}

/** The dead letter of an unreadable event, as every store keeps it. */
export function unreadableEventLetter(event: UnreadableEvent): UnreadableEventLetter {
  const eventKey = unreadableEventKey(event);
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
