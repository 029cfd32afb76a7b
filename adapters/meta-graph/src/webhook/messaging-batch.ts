import {
  InvalidInputError,
  parseInput,
  type InboundActivity,
  type InboundMessage,
  type InboundReceipt,
  type ParseResult,
} from '@tvox-connector/core';

/** What one `messaging[]` event came to: activities, or why it was left out. */
export type EventOutcome =
  | { readonly kind: 'activities'; readonly activities: readonly InboundActivity[] }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly error: InvalidInputError };

/** One activity built through core's schema, or the event unreadable when it does not fit. */
export function builtActivity(
  schema: typeof InboundMessage | typeof InboundReceipt,
  value: unknown,
  subject: string,
): EventOutcome {
  try {
    return { kind: 'activities', activities: [parseInput(schema, value, subject)] };
  } catch (error) {
    if (error instanceof InvalidInputError) return { kind: 'unreadable', error };
    throw error;
  }
}

/** A batch's entries as the Messenger Platform sends them: an account id, its events. */
export interface MessagingEntry {
  readonly id: string;
  readonly messaging?: readonly unknown[] | undefined;
}

/** How a batch is read: which accounts are the channel's, and how one event is. */
export interface MessagingBatchReader {
  /** Whether the account (Page, Instagram account) is one of the channel's. */
  isAccount(accountId: string): boolean;
  /** Why the events of an account not in the channel are skipped, for the logs. */
  notInChannel(accountId: string): string;
  /** One event of an account. */
  parseEvent(raw: unknown, accountId: string): Promise<EventOutcome>;
  /** Told of an event left out of the batch because it does not read. */
  unreadable?(error: InvalidInputError): void;
}

/**
 * Every event of every entry of a batch, so that core stores them all before Meta gets its 200.
 * Events of accounts not in the channel, and entries without `messaging` (other webhook fields),
 * are skipped. An event that does not read is skipped while others of its batch are relayed; a
 * batch of nothing but unreadable events throws its first `InvalidInputError` (answered 400).
 */
export async function parseMessagingBatch(
  entries: readonly MessagingEntry[],
  reader: MessagingBatchReader,
): Promise<ParseResult> {
  const activities: InboundActivity[] = [];
  const skipped = new Set<string>();
  const unreadable: InvalidInputError[] = [];
  for (const entry of entries) {
    if (!reader.isAccount(entry.id)) {
      skipped.add(reader.notInChannel(entry.id));
      continue;
    }
    if (entry.messaging === undefined) {
      skipped.add('an entry without messaging events');
      continue;
    }
    for (const raw of entry.messaging) {
      const outcome = await reader.parseEvent(raw, entry.id);
      if (outcome.kind === 'activities') activities.push(...outcome.activities);
      else if (outcome.kind === 'skipped') skipped.add(outcome.reason);
      else {
        unreadable.push(outcome.error);
        reader.unreadable?.(outcome.error);
      }
    }
  }
  if (activities.length > 0) return { kind: 'activities', activities };
  const [first] = unreadable;
  if (first !== undefined) throw first;
  return { kind: 'ignored', reason: [...skipped].join('; ') || 'a notification without events' };
}
