import type { OpenSessionRequest, TvoxEvent } from '@tvox-connector/core';
import { openSessionRequest } from '../open-session-request.js';

/** The simulator's one service. */
export const SERVICE = 'SUPPORT';
/** The simulator's one agent, logged in before every test. */
export const AGENT = 'agent1';
/** The HMAC secret the simulator signs its pushes with. */
export const PUSH_SECRET = 'conformance-push-secret';

/** The contact the simulator records for the customer `id` of {@link openRequest}. */
export function contact(id: string): { id: string; channel: string; displayName: string } {
  return { id, channel: 'webchat', displayName: `Customer ${id}` };
}

/** An `openSession` request for the customer `id`, to `serviceCode`. */
export function openRequest(id: string, serviceCode = SERVICE): OpenSessionRequest {
  return openSessionRequest(id, serviceCode);
}

/** A customer's message `id`, sent now. */
export function message(id: string, text: string): { id: string; text: string; sentAt: string } {
  return { id, text, sentAt: new Date().toISOString() };
}

/** What a subscription delivered, batch by batch, as sequences. */
export interface Collector {
  readonly batches: number[][];
  /** Every sequence delivered, in delivery order. */
  readonly sequences: () => number[];
  /** The subscription's handler, to hand to `subscribe` as it is. */
  readonly handler: (events: readonly TvoxEvent[]) => Promise<void>;
}

/** Collects what a subscription delivers; fails the first `failures` batches. */
export function collector(failures = 0): Collector {
  const batches: number[][] = [];
  let left = failures;
  return {
    batches,
    sequences: () => batches.flat(),
    handler: async (events) => {
      if (left > 0) {
        left -= 1;
        throw new Error('the store is unavailable (injected by the test)');
      }
      batches.push(events.map((e) => e.sequence));
    },
  };
}
