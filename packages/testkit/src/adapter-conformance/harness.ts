import type { ChannelAdapter, OutboundMessage, WebhookRequest } from '@tvox-connector/core';
import { request } from 'undici';
import { serveAdapter, type ServedAdapter } from '../serve-adapter.js';
import type { AdapterConformanceOptions, ConformanceNetwork } from './options.js';
import { RecordingSink } from './recording-sink.js';

/** The channel id every adapter under the suite gets. */
export const CONFORMANCE_CHANNEL = 'conformance';

interface TestState<N extends ConformanceNetwork> {
  readonly network: N;
  readonly server: ServedAdapter;
  readonly sink: RecordingSink;
  readonly adapter: ChannelAdapter;
}

/**
 * What each spec works on: before every test a fresh fake network, a recording sink, a server
 * mounting the adapter as the connector does, and the adapter; all closed after the test.
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
      let adapter: ChannelAdapter | undefined;
      const server = await serveAdapter(() => adapter, sink, {
        bodyLimitBytes: this.options.bodyLimitBytes ?? 1024 * 1024,
      });
      try {
        adapter = await this.options.create({
          network,
          channel: CONFORMANCE_CHANNEL,
          publicUrl: server.webhookUrl,
        });
      } catch (error) {
        await Promise.all([server.close(), network.close()]);
        throw error;
      }
      this.current = { network, server, sink, adapter };
    });
    afterEach(async () => {
      const state = this.current;
      this.current = undefined;
      if (!state) return;
      await state.adapter.stop?.();
      await Promise.all([state.server.close(), state.network.close()]);
    });
  }

  /** POSTs `body` to the mounted webhook with `headers`; resolves with the status. */
  async post(body: string | Buffer, headers: Record<string, string>): Promise<number> {
    const response = await request(this.state.server.webhookUrl, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
    await response.body.dump();
    return response.statusCode;
  }

  /** POSTs `body` signed as the network signs it. */
  postSigned(body: string): Promise<number> {
    return this.post(body, this.fixtures.authenticate(Buffer.from(body)));
  }

  /** A webhook request for calling `verify` and `parse` directly. */
  webhook(body: string, headers: Record<string, string>): WebhookRequest {
    return {
      method: 'POST',
      path: '/webhook',
      query: {},
      headers: { 'content-type': 'application/json', ...headers },
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

  /** What the fake network delivered to the fixtures' customer. */
  delivered() {
    return this.network.delivered(this.fixtures.conversationId);
  }

  private get state(): TestState<N> {
    if (this.current === undefined) throw new Error('the adapter is used outside a test');
    return this.current;
  }
}
