import {
  startFakeNetwork,
  type ConformanceNetwork,
  type Delivered,
  type FakeNetwork,
  type FakeReply,
  type NetworkFault,
} from '@tvox-connector/testkit';

const SEND = /^\/chats\/(?<chatId>[^/]+)\/messages$/;

/**
 * The Acme Chat API faked on loopback: `POST /chats/{chatId}/messages` answers 201 with the new
 * message's id; faults are Acme Chat's own `{ error }` bodies.
 */
export class FakeAcmeChat implements ConformanceNetwork {
  private constructor(private readonly network: FakeNetwork) {}

  static async start(): Promise<FakeAcmeChat> {
    let sent = 0;
    return new FakeAcmeChat(
      await startFakeNetwork({
        routes: [
          {
            method: 'POST',
            path: SEND,
            faultable: true,
            reply: () => ({ status: 201, body: { id: `acme-${++sent}` } }),
          },
        ],
        fault: (fault): FakeReply => {
          switch (fault.kind) {
            case 'rate-limited':
              return {
                status: 429,
                headers: { 'retry-after': String(fault.retryAfterSeconds) },
                body: { error: 'rate_limited' },
              };
            case 'server-error':
              return { status: fault.status, body: { error: 'internal' } };
            case 'refused':
              return { status: 403, body: { error: 'customer_blocked' } };
          }
        },
      }),
    );
  }

  /** The base URL to give the adapter. */
  get url(): string {
    return this.network.url;
  }

  failNext(...faults: NetworkFault[]): void {
    this.network.failNext(...faults);
  }

  /** The texts Acme Chat took (answered 201) for one chat, in order. */
  delivered(chatId: string): Delivered[] {
    return this.network.calls
      .filter(
        (call) =>
          call.answered?.status === 201 &&
          SEND.exec(call.path)?.groups?.chatId === encodeURIComponent(chatId),
      )
      .map((call) => {
        const { text } = JSON.parse(call.body.toString('utf8')) as { text: string };
        return { kind: 'text', text, quickReplies: [] };
      });
  }

  close(): Promise<void> {
    return this.network.close();
  }
}
