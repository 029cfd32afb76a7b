import {
  InboundActivity,
  ledgerIds,
  parseInput,
  type InboundMessage,
  type InboundSink,
} from '@tvox-connector/core';

/**
 * An in-memory sink that stores as the relay does: every activity validated (an invalid one is an
 * `InvalidInputError`, answered 400), messages deduplicated on their conversation and network id.
 */
export class RecordingSink implements InboundSink {
  /** Messages stored, in order; a duplicate is not stored again. */
  readonly messages: InboundMessage[] = [];
  /** Every other activity (typing, receipts), in order. */
  readonly others: InboundActivity[] = [];
  private readonly keys = new Set<string>();

  async accept(activities: readonly InboundActivity[]): Promise<void> {
    const checked = activities.map((a, i) =>
      parseInput(InboundActivity, a, `inbound activity ${i}`),
    );
    for (const activity of checked) {
      if (activity.kind !== 'message') {
        this.others.push(activity);
        continue;
      }
      const key = ledgerIds.inbound(activity.conversation, activity.networkMessageId);
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      this.messages.push(activity);
    }
  }

  /** Whether nothing at all was stored. */
  get empty(): boolean {
    return this.messages.length === 0 && this.others.length === 0;
  }
}
