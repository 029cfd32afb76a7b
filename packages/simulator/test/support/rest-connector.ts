import type { CommandOutput, OpenSessionOutput, PollEventsOutput } from '@tvox-connector/core';
import type { WireEvent } from '@tvox-connector/simulator';
import { request } from 'undici';

/** A minimal REST caller of the contract, as a connector would be, for driving the simulator. */
export class RestConnector {
  private requests = 0;

  constructor(
    private readonly baseUrl: string,
    readonly connectorCode: string,
    private readonly password?: string,
  ) {}

  /** Raw call: status and parsed JSON body. */
  async call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const auth =
      this.password === undefined
        ? {}
        : {
            authorization: `Basic ${Buffer.from(`${this.connectorCode}:${this.password}`).toString('base64')}`,
          };
    const response = await request(`${this.baseUrl}/mc/cxf/rest${path}`, {
      method,
      headers: {
        ...auth,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.body.text();
    const json = String(response.headers['content-type']).startsWith('application/json');
    return {
      status: response.statusCode,
      body: (json ? JSON.parse(text) : { text }) as CommandOutput & Record<string, unknown>,
    };
  }

  async open(contactId = 'u1', extra: Record<string, unknown> = {}): Promise<OpenSessionOutput> {
    const { body } = await this.call('POST', '/sessions', {
      connectorCode: this.connectorCode,
      serviceCode: 'SUPPORT',
      requestId: `req-${contactId}-${++this.requests}`,
      contact: { id: contactId, channel: 'telegram', displayName: 'Anna Rossi' },
      channelSessionId: `chat-${contactId}`,
      ...extra,
    });
    return body;
  }

  async send(sessionId: string, messageId: string, text: string): Promise<CommandOutput> {
    const { body } = await this.call('POST', `/sessions/${sessionId}/messages`, {
      connectorCode: this.connectorCode,
      message: { messageId, text, sentAt: new Date().toISOString() },
    });
    return body;
  }

  async poll(
    after = 0,
    max = 100,
  ): Promise<Omit<PollEventsOutput, 'events'> & { events?: WireEvent[] }> {
    const { body } = await this.call(
      'GET',
      `/events?connector=${this.connectorCode}&after=${after}&max=${max}`,
    );
    return body;
  }

  async ack(upToSequence: number): Promise<CommandOutput> {
    return (
      await this.call('POST', '/events/ack', { connectorCode: this.connectorCode, upToSequence })
    ).body;
  }
}
