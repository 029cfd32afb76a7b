import type {
  ChannelAdapter,
  InboundMessage,
  OutboundMessage,
  SendReceipt,
  WebhookRequest,
} from '@tvox-connector/core';
import { expect } from 'chai';
import { request } from 'undici';
import { serveAdapter, type ServedAdapter } from '../serve-adapter.js';
import type { AdapterConformanceOptions, ConformanceNetwork, Delivered } from './options.js';
import { RecordingLedger } from './recording-ledger.js';
import { RecordingSink } from './recording-sink.js';

/** The channel id every adapter under the suite gets. */
export const CONFORMANCE_CHANNEL = 'conformance';

interface TestState<N extends ConformanceNetwork> {
  readonly network: N;
  readonly server: ServedAdapter;
  readonly sink: RecordingSink;
  readonly ledger: RecordingLedger;
  readonly adapter: ChannelAdapter;
}

/** A signed POST's status, and the moments (epoch ms) just before it and just after its answer. */
export interface TimedPost {
  readonly status: number;
  readonly from: number;
  readonly to: number;
}

/**
 * What each spec works on: before every test a fresh fake network, a recording sink and ledger, a
 * server mounting the adapter as the connector does, and the adapter; all closed after the test.
 */
export class AdapterHarness<N extends ConformanceNetwork> {
  private current: TestState<N> | undefined;
  private nextMessageId = 0;

  constructor(readonly options: AdapterConformanceOptions<N>) {}

  get network(): N {
    return this.state.network;
  }
  get sink(): RecordingSink {
    return this.state.sink;
  }
  get ledger(): RecordingLedger {
    return this.state.ledger;
  }
  get adapter(): ChannelAdapter {
    return this.state.adapter;
  }
  get fixtures(): AdapterConformanceOptions<N>['fixtures'] {
    return this.options.fixtures;
  }

  /** Registers the mocha hooks that give every test its own network, server and adapter. */
  install(): void {
    beforeEach(async () => {
      const network = await this.options.fakeNetwork();
      const sink = new RecordingSink();
      const ledger = new RecordingLedger();
      let adapter: ChannelAdapter | undefined;
      const server = await serveAdapter(() => adapter, sink, {
        bodyLimitBytes: this.options.bodyLimitBytes ?? 1024 * 1024,
      });
      try {
        adapter = await this.options.create({
          network,
          channel: CONFORMANCE_CHANNEL,
          publicUrl: server.webhookUrl,
          ledger,
        });
      } catch (error) {
        await Promise.all([server.close(), network.close()]);
        throw error;
      }
      this.current = { network, server, sink, ledger, adapter };
    });
    afterEach(async () => {
      const state = this.current;
      this.current = undefined;
      if (!state) return;
      await state.adapter.stop?.();
      await Promise.all([state.server.close(), state.network.close()]);
    });
  }

  /** The media type the adapter's network POSTs its webhooks as (JSON unless it says). */
  private get contentType(): string {
    return this.state.adapter.webhookContentTypes?.[0] ?? 'application/json';
  }

  /** POSTs `body` to the mounted webhook with `headers`; resolves with the status. */
  async post(body: string | Buffer, headers: Record<string, string>): Promise<number> {
    const response = await request(this.state.server.webhookUrl, {
      method: 'POST',
      body,
      headers: { 'content-type': this.contentType, ...headers },
    });
    await response.body.dump();
    return response.statusCode;
  }

  /** POSTs `body` signed as the network signs it. */
  postSigned(body: string): Promise<number> {
    return this.post(body, this.fixtures.authenticate(Buffer.from(body)));
  }

  /** POSTs `body` signed, noting the moments around it (see {@link expectSentAt}). */
  async postTimed(body: string): Promise<TimedPost> {
    const from = Date.now();
    const status = await this.postSigned(body);
    return { status, from, to: Date.now() };
  }

  /**
   * Checks a stored message's send time: `sentAt`, the time its body carries, or, when the
   * fixtures' `sendTime` is `receipt`, a moment within the POST that delivered it.
   */
  expectSentAt(message: InboundMessage | undefined, sentAt: Date, posted: TimedPost): void {
    const stored = new Date(message?.sentAt ?? 0).getTime();
    if (this.fixtures.sendTime === 'receipt')
      expect(stored, 'send time, stamped on receipt').to.be.within(posted.from, posted.to);
    else expect(stored, 'send time, from the body').to.equal(sentAt.getTime());
  }

  /** A webhook request for calling `verify` and `parse` directly. */
  webhook(body: string, headers: Record<string, string>): WebhookRequest {
    return {
      method: 'POST',
      path: '/webhook',
      query: {},
      headers: { 'content-type': this.contentType, ...headers },
      rawBody: Buffer.from(body),
    };
  }

  /** An agent's message to the fixtures' customer, with a fresh id. */
  message(fields: Partial<OutboundMessage> = {}): OutboundMessage {
    return {
      kind: 'message',
      messageId: `conformance-${++this.nextMessageId}`,
      conversation: { channel: CONFORMANCE_CHANNEL, id: this.fixtures.conversationId },
      origin: 'agent',
      agent: { code: 'agent1', name: 'Conformance Agent' },
      attachments: [],
      quickReplies: [],
      ...fields,
    };
  }

  /**
   * Sends an agent's message as core's relay does: recorded in the ledger first, marked sent with
   * the network's ids after.
   */
  async sendRecorded(message: OutboundMessage): Promise<SendReceipt> {
    this.ledger.record(message);
    const receipt = await this.adapter.send(message);
    this.ledger.sent(message.messageId, receipt.networkMessageIds);
    return receipt;
  }

  /** What the fake network delivered to the fixtures' customer, once it has arrived. */
  async delivered(): Promise<readonly Delivered[]> {
    return this.network.delivered(this.fixtures.conversationId);
  }

  private get state(): TestState<N> {
    if (this.current === undefined) throw new Error('the adapter is used outside a test');
    return this.current;
  }
}
