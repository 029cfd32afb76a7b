import {
  TransportCallError,
  UnknownSessionError,
  type EventBatch,
  type EventHandler,
  type EventSubscription,
  type OpenSessionRequest,
  type OpenedSession,
  type SendMessageRequest,
  type SessionStatusAnswer,
  type Transport,
  type TvoxEvent,
} from '@tvox-connector/core';

/**
 * An in-memory TVox behind core's `Transport`, for relay property tests: idempotent on
 * `requestId` and `messageId` as the contract says, able to fail the next calls (retryably), and
 * pushing events to the subscribed handler until it takes them, in order or not (as TVox may
 * when it retries a push). It survives the relay's restarts.
 */
export class FakeTvox {
  /** Every `sendMessage` call that reached TVox, duplicates included. */
  readonly calls: { sessionId: string; messageId: string; text: string }[] = [];
  /** Messages by session, once per `messageId`, in arrival order. */
  readonly received = new Map<string, { messageId: string; text: string }[]>();
  readonly sessionsByRequest = new Map<string, string>();
  readonly conversationOf = new Map<string, string>();
  private failures = 0;
  private sequence = 0;
  private pending: TvoxEvent[] = [];
  private handler: EventHandler | undefined;

  /** The next `count` calls fail as if TVox were unreachable. */
  failNext(count: number): void {
    this.failures += count;
  }

  /** An agent writes in the session. */
  agentWrites(sessionId: string, messageId: string, text: string): void {
    this.pending.push({
      type: 'agentMessage',
      sequence: ++this.sequence,
      sessionId,
      at: new Date().toISOString(),
      messageId,
      agentCode: 'a1',
      text,
    });
  }

  /** Pushes pending events in one batch; they stay pending unless the handler stored them. */
  async push(): Promise<void> {
    await this.deliver(this.pending);
  }

  /** Pushes pending events one per push, the newest first. */
  async pushReversed(): Promise<void> {
    for (const event of [...this.pending].reverse()) await this.deliver([event]);
  }

  private async deliver(batch: readonly TvoxEvent[]): Promise<void> {
    if (!this.handler || batch.length === 0) return;
    try {
      await this.handler(batch, []);
      this.pending = this.pending.filter((e) => !batch.includes(e));
    } catch {
      // Not acknowledged: pushed again next time.
    }
  }

  /** A `Transport` on this TVox, as a freshly started connector would have. */
  transport(): Transport {
    const call = <T>(work: () => T): Promise<T> => {
      if (this.failures > 0) {
        this.failures -= 1;
        return Promise.reject(new TransportCallError('fake', 'connection', 'injected outage'));
      }
      return Promise.resolve(work());
    };
    return {
      kind: 'fake',
      // Events come by push (a callback), so they may arrive out of sequence; the tests push
      // through the handler directly rather than over HTTP.
      callback: {
        method: 'POST',
        path: '/events',
        handle: () => Promise.resolve({ status: 404, contentType: 'text/plain', body: '' }),
      },
      start: () => Promise.resolve(),
      stop: () => Promise.resolve(),
      operations: new Set(['openSession', 'sendMessage', 'closeSession', 'notifyEvents']),
      mode: 'relay',
      openSession: (request: OpenSessionRequest) =>
        call((): OpenedSession => {
          const key = request.request.id;
          const sessionId =
            this.sessionsByRequest.get(key) ?? `s${this.sessionsByRequest.size + 1}`;
          this.sessionsByRequest.set(key, sessionId);
          this.conversationOf.set(sessionId, request.conversation.id);
          return { sessionId, status: 'QUEUED' };
        }),
      sendMessage: (request: SendMessageRequest) =>
        call(() => {
          const sessionId = request.session.id;
          if (!this.conversationOf.has(sessionId))
            throw new UnknownSessionError('sendMessage', sessionId);
          const text = request.message.text ?? '';
          const messageId = request.message.id;
          this.calls.push({ sessionId, messageId, text });
          const list = this.received.get(sessionId) ?? [];
          if (!list.some((m) => m.messageId === messageId)) list.push({ messageId, text });
          this.received.set(sessionId, list);
        }),
      closeSession: () => call(() => undefined),
      getSessionStatus: () => call((): SessionStatusAnswer => ({ status: 'ASSIGNED' })),
      pollEvents: () =>
        call((): EventBatch => ({ events: [], lastSequence: this.sequence, unreadable: [] })),
      ackEvents: () => call(() => undefined),
      subscribe: (handler: EventHandler): Promise<EventSubscription> => {
        this.handler = handler;
        return Promise.resolve({
          close: () => {
            if (this.handler === handler) this.handler = undefined;
            return Promise.resolve();
          },
        });
      },
    };
  }
}
