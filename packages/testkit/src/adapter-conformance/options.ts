import type { ChannelAdapter } from '@tvox-connector/core';
import type { NetworkFault } from '../fake-network.js';

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
 * A network's fake API as the adapter conformance suite drives it: usually a `FakeNetwork` from
 * `startFakeNetwork` plus a `delivered` view of the calls it recorded.
 */
export interface ConformanceNetwork {
  /** The next API calls fail with these faults, in the network's own format. */
  failNext(...faults: NetworkFault[]): void;
  /** What was delivered to one conversation, in order. */
  delivered(conversationId: string): readonly Delivered[];
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
}

/** Webhook bodies shaped exactly as the network sends them, and how the network signs them. */
export interface AdapterFixtures {
  /** The customer's conversation id on the network (a Telegram chat id), as `parse` yields it. */
  readonly conversationId: string;
  /**
   * The webhook body of one text message from that customer: `id` numbers the messages of a test
   * (1, 2, ...) and `sentAt` is a whole second. The same arguments must give the same body.
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
}
