import type { Logger } from '../interfaces/logger.js';
import type { EventCursor, EventHandler, Transport } from '../interfaces/transport.js';
import { pollPage, saveCursor } from './event-poller.js';

/** Events per page of a catch-up: what one poll returns by default. */
export const CATCH_UP_PAGE_SIZE = 100;

/** Pages per catch-up at most, so that one never runs for ever while TVox keeps issuing events. */
export const CATCH_UP_MAX_PAGES = 100;

/** What a catch-up did. */
export interface CaughtUp {
  /** Pages TVox answered with events. */
  readonly pages: number;
  /** The last sequence acknowledged, if any page had events. */
  readonly lastSequence?: number;
}

/**
 * Fetches by polling what TVox holds for the connector, from the acknowledged `cursor` (0 without
 * one), in pages of {@link CATCH_UP_PAGE_SIZE}: each page handed to `handler` (stored) and then
 * acknowledged, the cursor saved, until a page comes back empty or
 * {@link CATCH_UP_MAX_PAGES} were read. How a push too large to read is caught up with: the events
 * it carried come this way instead, and once acknowledged TVox pushes what follows them.
 */
export async function catchUpEvents(
  transport: Pick<Transport, 'pollEvents' | 'ackEvents'>,
  handler: EventHandler,
  cursor: EventCursor | undefined,
  logger: Logger,
): Promise<CaughtUp> {
  let after = (await cursor?.load()) ?? 0;
  let pages = 0;
  let lastSequence: number | undefined;
  while (pages < CATCH_UP_MAX_PAGES) {
    const page = await pollPage(transport, handler, after, CATCH_UP_PAGE_SIZE);
    // A stream started again is the poller's to follow; a catch-up reads only what follows.
    if (page.kind !== 'handled') break;
    const { last } = page;
    pages += 1;
    lastSequence = last;
    after = last;
    await saveCursor(cursor, last, logger);
  }
  return lastSequence === undefined ? { pages } : { pages, lastSequence };
}
