import { z } from 'zod';
import { Sequence } from '../../contract/events.js';
import { InvalidInputError } from '../../errors/input-errors.js';
import type { UnreadableEvent } from '../../profile/read-events.js';
import type { RelayServices } from '../job-context.js';
import { eventEntry } from '../store-entries.js';

/** The payload of a set-aside event's job (`UnreadEventPayload`), as the job runner checks it. */
export const UnreadEventPayload = z.strictObject({
  unread: z.object({ raw: z.unknown(), reason: z.string(), sequence: Sequence.optional() }),
});

/**
 * Runs the job of a TVox event set aside as unreadable, which only a replay puts back in the
 * outbox: reads its raw payload again with the contract profile the transport has now (the
 * operator may have fixed it), and records the event like any other, deduplicated on its
 * sequence and applied in its session's lane. Still unreadable, it fails for good with the new
 * reason (an `InvalidInputError`), back to the dead letters with its raw payload.
 */
export async function rereadEvent(services: RelayServices, unread: UnreadableEvent): Promise<void> {
  const read = services.transport.readEvent?.(unread.raw);
  if (read === undefined || 'reason' in read) {
    const reason = read?.reason ?? `the ${services.transport.kind} transport cannot read events`;
    throw new InvalidInputError('TVox event set aside', [{ path: 'raw', message: reason }]);
  }
  const { recorded } = await services.store.recordEvents([eventEntry(read)]);
  services.logger.info(
    { sequence: read.sequence, duplicate: recorded.length === 0 },
    'a TVox event set aside was read again',
  );
}
