import {
  NoLicenseError,
  TransportCallError,
  TvoxEvent,
  UnknownSessionError,
  type EventBatch,
  type EventHandler,
  type EventSubscription,
  type OpenSessionRequest,
  type OpenedSession,
  type SendMessageRequest,
  type SessionStatusAnswer,
  type Transport,
  type UnreadableEvent,
} from '@tvox-connector/core';

/** A session as the fake TVox keeps it. */
export interface FakeSession {
  /** TVox's id: `s1`, `s2`, … again after each restart. */
  readonly id: string;
  readonly conversation: string;
  /** How many restarts TVox had gone through when it opened the session. */
  readonly epoch: number;
  /** Messages from the customer, once per `messageId`, in arrival order. */
  readonly received: { messageId: string; text: string }[];
  /** Agent messages written so far (their ids start again with each session). */
  agentMessages: number;
}

/**
 * An in-memory TVox behind core's `Transport`, for relay property tests: idempotent on
 * `requestId` and `messageId` as the contract says, able to fail the next calls (retryably), and
 * pushing events to the subscribed handler until it takes them, in order or not (as TVox may
 * when it retries a push). It survives the relay's restarts, and can restart itself empty, after
 * which it gives session ids (and agent message ids) again from the start; its event sequence
 * keeps growing.
 */
export class FakeTvox {
  /** Every `sendMessage` call that reached TVox, duplicates included. */
  readonly calls: { sessionId: string; messageId: string; text: string }[] = [];
  /** Every session TVox opened, in every epoch. */
  readonly sessions: FakeSession[] = [];
  private live = new Map<string, FakeSession>();
  private byRequest = new Map<string, FakeSession>();
  private epoch = 0;
  /** How the next calls fail, in order. */
  private readonly failures: ('connection' | 'bad-response')[] = [];
  /** Conversations whose sessions TVox refuses for lack of a licence. */
  readonly unlicensed = new Set<string>();
  private sequence = 0;
  private pending: TvoxEvent[] = [];
  private handler: EventHandler | undefined;

  /** The session of `conversation` TVox knows now, if any. */
  liveSessionOf(conversation: string): FakeSession | undefined {
    return [...this.live.values()].find((session) => session.conversation === conversation);
  }

  /** Every session TVox opened for `conversation`, oldest first. */
  sessionsOf(conversation: string): FakeSession[] {
    return this.sessions.filter((session) => session.conversation === conversation);
  }

  /**
   * TVox restarts empty: it forgets its sessions and the events it had not delivered, and gives
   * ids from the start again. Resolves with the texts of the agent messages lost with it.
   */
  restartEmpty(): string[] {
    const lost = this.pending.flatMap((e) => (e.type === 'agentMessage' ? [e.text ?? ''] : []));
    this.pending = [];
    this.live = new Map();
    this.byRequest = new Map();
    this.epoch += 1;
    return lost;
  }

  /** Takes the events waiting for the handler, undelivered. */
  takePending(): TvoxEvent[] {
    return this.pending.splice(0);
  }

  /** Whether events are still waiting for the handler to take them. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * The next `count` calls fail: as if TVox were unreachable (which spends no attempt), or with
   * an answer that cannot be read (a failure of the call itself, which does).
   */
  failNext(count: number, kind: 'connection' | 'bad-response' = 'connection'): void {
    for (let i = 0; i < count; i++) this.failures.push(kind);
  }

  /** An agent writes in the session. */
  agentWrites(session: FakeSession, text: string): void {
    this.pending.push({
      type: 'agentMessage',
      sequence: ++this.sequence,
      sessionId: session.id,
      at: new Date().toISOString(),
      messageId: `m${++session.agentMessages}`,
      agentCode: 'a1',
      text,
    });
  }

  /**
   * Pushes one event the connector's profile could not read, as the transport hands it on:
   * resolves whether the handler took it.
   */
  async pushUnreadable(event: UnreadableEvent): Promise<boolean> {
    if (!this.handler) return false;
    await this.handler([], [event]);
    return true;
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
      const failure = this.failures.shift();
      if (failure !== undefined) {
        return Promise.reject(new TransportCallError('fake', failure, 'injected failure'));
      }
      return Promise.resolve(work());
    };
    return {
      kind: 'fake',
      // Events come by push, so they may arrive out of sequence; the tests push through the
      // handler directly rather than over HTTP.
      eventMode: 'push',
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
          if (this.unlicensed.has(request.conversation.id))
            throw new NoLicenseError('openSession', 'NO_LICENSE', 'all licences are in use');
          const key = request.request.id;
          let session = this.byRequest.get(key);
          if (session === undefined) {
            session = {
              id: `s${this.byRequest.size + 1}`,
              conversation: request.conversation.id,
              epoch: this.epoch,
              received: [],
              agentMessages: 0,
            };
            this.sessions.push(session);
            this.byRequest.set(key, session);
            this.live.set(session.id, session);
          }
          return { sessionId: session.id, status: 'QUEUED' };
        }),
      sendMessage: (request: SendMessageRequest) =>
        call(() => {
          const sessionId = request.session.id;
          const session = this.live.get(sessionId);
          if (session === undefined) throw new UnknownSessionError('sendMessage', sessionId);
          const text = request.message.text ?? '';
          const messageId = request.message.id;
          this.calls.push({ sessionId, messageId, text });
          if (!session.received.some((m) => m.messageId === messageId)) {
            session.received.push({ messageId, text });
          }
        }),
      closeSession: () => call(() => undefined),
      getSessionStatus: () => call((): SessionStatusAnswer => ({ status: 'ASSIGNED' })),
      pollEvents: () =>
        call((): EventBatch => ({ events: [], lastSequence: this.sequence, unreadable: [] })),
      ackEvents: () => call(() => undefined),
      // The profile as fixed: a raw event of the contract's own shape reads.
      readEvent: (raw: unknown): TvoxEvent | UnreadableEvent => {
        const read = TvoxEvent.safeParse(raw);
        return read.success ? read.data : { raw, reason: read.error.message };
      },
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
