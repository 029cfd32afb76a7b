import type { ChannelAdapter } from '@tvox-connector/core';
import type { NetworkFault } from '../fake-network.js';
import type { RecordingLedger } from './recording-ledger.js';

/** What a fake network delivered to a customer, as the adapter conformance suite reads it. */
export type Delivered =
  /** A text message, with the titles of the quick-reply buttons it carried. */
  | { readonly kind: 'text'; readonly text: string; readonly quickReplies: readonly string[] }
  /** A file, by the URL the network was given (or fetched), with its caption if any. */
  | {
      readonly kind: 'file';
      readonly url: string;
      readonly caption?: string;
      readonly quickReplies: readonly string[];
    }
  /** A typing indicator. */
  | { readonly kind: 'typing' };

/**
 * A way a network can fail a send, as {@link AdapterConformanceOptions.faults} lists them: the
 * {@link NetworkFault} kinds a fake answers an API call with, and `unreachable`, no connection.
 */
export type FaultKind = NetworkFault['kind'] | 'unreachable';

/** Every {@link FaultKind}: what an HTTP network API can do, and the suite's default. */
export const ALL_FAULT_KINDS: readonly FaultKind[] = [
  'rate-limited',
  'server-error',
  'refused',
  'unreachable',
];

/**
 * A network's fake API as the adapter conformance suite drives it: usually a `FakeNetwork` from
 * `startFakeNetwork` plus a `delivered` view of the calls it recorded.
 */
export interface ConformanceNetwork {
  /**
   * The next API calls fail with these faults, in the network's own format. Called only with the
   * kinds {@link AdapterConformanceOptions.faults} lists; a network that lists none of them may
   * leave it out.
   */
  failNext?(...faults: NetworkFault[]): void;
  /**
   * What was delivered to one conversation, in order. A network whose deliveries arrive after
   * `send` resolved (a socket) returns a promise that resolves once everything sent before the
   * call has arrived.
   */
  delivered(conversationId: string): readonly Delivered[] | Promise<readonly Delivered[]>;
  /**
   * Takes the customer offline (a web chat visitor closes the page); resolves once the network
   * knows. Required when {@link AdapterConformanceOptions.faults} leaves out `unreachable`.
   */
  disconnect?(conversationId: string): Promise<void>;
  /**
   * Brings the customer back after `disconnect`, as they come back on their own (a web chat
   * visitor opening the page again); resolves once they have been given what they missed.
   */
  reconnect?(conversationId: string): Promise<void>;
  /** Stops the fake; called after each test, possibly twice. */
  close(): Promise<void>;
}

/** What {@link AdapterConformanceOptions.create} gets to build the adapter under test. */
export interface AdapterContext<N extends ConformanceNetwork> {
  /** The fake network of this test: point the adapter's API calls at it. */
  readonly network: N;
  /** The channel id to give the adapter. */
  readonly channel: string;
  /**
   * Where the connector's server mounts the adapter's webhook for this test; its `routes` are
   * served below it. Build the adapter's own links (file downloads) on it.
   */
  readonly publicUrl: string;
  /**
   * Core's ledger as `Relay#messages` reads it, for an adapter that sends a returning customer
   * what they missed. Where that matters (a customer away, see `faults`), the suite records each
   * message in it before sending it, as core does.
   */
  readonly ledger: RecordingLedger;
}

/** Webhook bodies shaped exactly as the network sends them, and how the network signs them. */
export interface AdapterFixtures {
  /** The customer's conversation id on the network (a Telegram chat id), as `parse` yields it. */
  readonly conversationId: string;
  /**
   * The webhook body of one text message from that customer: `id` numbers the messages of a test
   * (1, 2, ...) and `sentAt` is a whole second, ignored when `sendTime` is `receipt`. The same
   * arguments must give the same body.
   */
  textMessage(message: {
    readonly id: number;
    readonly text: string;
    readonly sentAt: Date;
  }): string;
  /** Bodies of content the adapter does not support (answered 200, nothing stored); one at least. */
  readonly unsupported: readonly { readonly title: string; readonly body: string }[];
  /** Bodies the adapter must refuse as malformed (400), beyond the suite's own (not JSON at all). */
  readonly malformed?: readonly string[];
  /** Headers that authenticate `body` as the network sends it: a secret token, a signature. */
  authenticate(body: Buffer): Record<string, string>;
  /** Headers of a forged request: a wrong secret, a signature of another body. */
  forge(body: Buffer): Record<string, string>;
  /**
   * Where a message's send time comes from. `body` (the default): the network's timestamp in the
   * webhook body, which `parse` must keep. `receipt`: the body carries none (the web chat's
   * frames), and the adapter stamps the moment it received the message; the suite then checks
   * that the send time lies within the request that delivered it.
   */
  readonly sendTime?: 'body' | 'receipt';
}

/** What an adapter author passes to `adapterConformance`. */
export interface AdapterConformanceOptions<N extends ConformanceNetwork> {
  /** Shown in the suite's title, e.g. `Telegram`. */
  readonly name: string;
  /** Starts the network's fake API for one test. */
  readonly fakeNetwork: () => Promise<N>;
  /** Builds the adapter under test. The suite never calls `start`: it drives webhooks and `send`. */
  readonly create: (context: AdapterContext<N>) => ChannelAdapter | Promise<ChannelAdapter>;
  readonly fixtures: AdapterFixtures;
  /** The body limit of the connector's server in the suite; 1 MiB by default. */
  readonly bodyLimitBytes?: number;
  /** Runs of each fuzzing property; 200 by default. */
  readonly fuzzRuns?: number;
  /**
   * The ways the network can fail a send ({@link ALL_FAULT_KINDS} by default, as an HTTP API
   * can). The specs of the kinds listed are run; those of the others are not, since the fake
   * cannot produce them. A network without `unreachable` holds what it cannot deliver now (the
   * web chat: core's ledger is the visitor's mailbox), and is held to that instead: a send while
   * the customer is away succeeds, and the customer gets it once back. Its fake then implements
   * `disconnect` and `reconnect`.
   */
  readonly faults?: readonly FaultKind[];
}
