import { expect } from 'chai';
import fc from 'fast-check';
import {
  EventPoller,
  HandledEvents,
  dedupeEvents,
  PushReceiver,
  callbackSignature,
  noopMetrics,
  pushStatus,
  loadProfile,
  readPush,
  silentLogger,
  verifyCallbackAuth,
  SignatureError,
  type CallbackAuth,
  type Clock,
  type EventBatch,
  type HttpAnswer,
  type PushOutcome,
  type PushReader,
  type TvoxEvent,
  type WebhookRequest,
  type AckEventsRequest,
  type PollEventsRequest,
} from '@tvox-connector/core';

const event = (sequence: number): TvoxEvent => ({
  type: 'agentTyping',
  sequence,
  sessionId: 's1',
  at: '2026-11-25T09:00:00Z',
  agentCode: 'a1',
});
/** The same event as the relay contract pushes it: the kind is the child present. */
const pushed = (sequence: number) => ({
  sequence,
  sessionId: 's1',
  at: '2026-11-25T09:00:00Z',
  agentTyping: { agentCode: 'a1' },
});

const hmac: CallbackAuth = {
  kind: 'hmac',
  secret: 'a-secret-of-16-chars',
  header: 'x-tvox-signature',
};

describe('callback authentication', () => {
  const body = Buffer.from('{"connectorCode":"C1"}');

  it('accepts the body HMAC, with or without a sha256= prefix, and refuses any other', () => {
    const signature = callbackSignature('a-secret-of-16-chars', body);
    expect(() => verifyCallbackAuth(hmac, { 'x-tvox-signature': signature }, body)).not.to.throw();
    expect(() =>
      verifyCallbackAuth(hmac, { 'x-tvox-signature': `sha256=${signature.toUpperCase()}` }, body),
    ).not.to.throw();
    expect(() =>
      verifyCallbackAuth(hmac, { 'x-tvox-signature': signature }, Buffer.from('tampered')),
    ).to.throw(SignatureError);
    expect(() => verifyCallbackAuth(hmac, {}, body)).to.throw(
      SignatureError,
      /missing x-tvox-signature/,
    );
  });

  it('accepts the configured Basic credentials only', () => {
    const basic: CallbackAuth = { kind: 'basic', username: 'tvox', password: 'callback-pw' };
    const header = (user: string, pass: string) =>
      `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    expect(() =>
      verifyCallbackAuth(basic, { authorization: header('tvox', 'callback-pw') }, body),
    ).not.to.throw();
    expect(() =>
      verifyCallbackAuth(basic, { authorization: header('tvox', 'nope') }, body),
    ).to.throw(SignatureError);
    expect(() => verifyCallbackAuth(basic, {}, body)).to.throw(SignatureError, /missing Basic/);
  });
});

describe('push receiver', () => {
  let read: PushReader;
  before(async () => {
    const notify = (await loadProfile('tvox-mc-relay')).operations.notifyEvents;
    if (!notify) throw new Error('the relay profile has a push callback');
    read = (content) => readPush(notify, content);
  });
  const codec = {
    contentTypes: ['application/json'],
    decode: (raw: Buffer): unknown => JSON.parse(raw.toString('utf8')),
    answer: (outcome: PushOutcome, message: string): HttpAnswer => ({
      status: pushStatus(outcome),
      contentType: 'application/json',
      body: JSON.stringify({ outcome, message }),
    }),
  };
  const request = (payload: unknown, sign = true): WebhookRequest => {
    const rawBody = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
    return {
      method: 'POST',
      path: '/tvox/events',
      query: {},
      headers: {
        'content-type': 'application/json',
        ...(sign ? { 'x-tvox-signature': callbackSignature('a-secret-of-16-chars', rawBody) } : {}),
      },
      rawBody,
    };
  };

  it('hands events to the handler and answers 200 only after it resolved', async () => {
    const receiver = new PushReceiver(hmac, 'C1', codec, read, { logger: silentLogger });
    const seen: number[] = [];
    receiver.subscribe(async (events) => {
      seen.push(...events.map((e) => e.sequence));
    });
    const answer = await receiver
      .endpoint('/tvox/events')
      .handle(request({ connectorCode: 'C1', events: [pushed(1), pushed(2)] }));
    expect(answer.status).to.equal(200);
    expect(seen).to.deep.equal([1, 2]);
  });

  it('refuses bad credentials before reading the body, and malformed bodies after, reaching no handler', async () => {
    const receiver = new PushReceiver(hmac, 'C1', codec, read, { logger: silentLogger });
    let calls = 0;
    receiver.subscribe(async () => {
      calls += 1;
    });
    const endpoint = receiver.endpoint('/tvox/events');
    expect((await endpoint.handle(request('not json', false))).status).to.equal(401);
    expect((await endpoint.handle(request('not json'))).status).to.equal(400);
    expect((await endpoint.handle(request({ connectorCode: 'C1', events: [] }))).status).to.equal(
      400,
    );
    expect(
      (await endpoint.handle(request({ connectorCode: 'OTHER', events: [pushed(1)] }))).status,
    ).to.equal(400);
    expect(calls).to.equal(0);
  });

  it('refuses another content type with 415, unread', async () => {
    const receiver = new PushReceiver(hmac, 'C1', codec, read, { logger: silentLogger });
    receiver.subscribe(() => Promise.resolve());
    const signed = request({ connectorCode: 'C1', events: [pushed(1)] });
    const screened = await receiver.endpoint('/e').screen?.({
      ...signed,
      headers: { ...signed.headers, 'content-type': 'text/plain' },
    });
    expect(screened?.status).to.equal(415);
    expect(await receiver.endpoint('/e').screen?.(signed)).to.equal(undefined);
  });

  describe('a push too large to read', () => {
    /** What TVox holds for the connector, polled and acknowledged as the relay profile says. */
    function heldByTvox(total: number) {
      const polledAfter: number[] = [];
      const acks: number[] = [];
      let acked = 0;
      const transport = {
        pollEvents: async ({ poll }: PollEventsRequest): Promise<EventBatch> => {
          polledAfter.push(poll.afterSequence);
          const from = Math.max(poll.afterSequence, acked);
          const events = Array.from(
            { length: Math.max(0, Math.min(poll.max, total - from)) },
            (_, i) => event(from + i + 1),
          );
          return { events, lastSequence: total, unreadable: [] };
        },
        ackEvents: async ({ ack: { upToSequence } }: AckEventsRequest) => {
          acks.push(upToSequence);
          acked = upToSequence;
        },
      };
      return { transport, polledAfter, acks };
    }
    const counted: string[] = [];
    const metrics = {
      ...noopMetrics,
      increment: (name: string, labels?: Readonly<Record<string, string>>) => {
        counted.push(`${name} ${labels?.outcome ?? ''}`);
      },
    };
    const headers = { method: 'POST', path: '/', query: {}, headers: request({}).headers };

    beforeEach(() => {
      counted.length = 0;
    });

    it('is refused 413 once what TVox holds was polled from the cursor, stored and acknowledged', async () => {
      const tvox = heldByTvox(250);
      const saved: number[] = [];
      const receiver = new PushReceiver(hmac, 'C1', codec, read, {
        logger: silentLogger,
        metrics,
        poller: () => tvox.transport,
      });
      const seen: number[] = [];
      receiver.subscribe(
        async (events) => {
          seen.push(...events.map((e) => e.sequence));
        },
        {
          load: async () => 20,
          save: async (sequence) => {
            saved.push(sequence);
          },
        },
      );
      const endpoint = receiver.endpoint('/e');
      const [first, second] = await Promise.all([
        endpoint.oversize?.(headers, 1024),
        endpoint.oversize?.(headers, 1024),
      ]);
      expect(first?.status).to.equal(413);
      expect(second?.status).to.equal(413);
      expect(seen).to.deep.equal(Array.from({ length: 230 }, (_, i) => i + 21));
      expect(tvox.polledAfter, 'bounded pages from the cursor, once for both').to.deep.equal([
        20, 120, 220, 250,
      ]);
      expect(tvox.acks).to.deep.equal([120, 220, 250]);
      expect(saved).to.deep.equal([120, 220, 250]);
      expect(counted).to.deep.equal(['tvox_push_oversize_total caught-up']);
    });

    it('is refused 413 and counted when polling fails or the profile cannot poll: TVox keeps it', async () => {
      const failing = new PushReceiver(hmac, 'C1', codec, read, {
        logger: silentLogger,
        metrics,
        poller: () => ({
          pollEvents: () => Promise.reject(new Error('TVox unreachable')),
          ackEvents: () => Promise.resolve(),
        }),
      });
      failing.subscribe(() => Promise.resolve());
      expect((await failing.endpoint('/e').oversize?.(headers, 1024))?.status).to.equal(413);
      const pushOnly = new PushReceiver(hmac, 'C1', codec, read, {
        logger: silentLogger,
        metrics,
        poller: () => undefined,
      });
      pushOnly.subscribe(() => Promise.resolve());
      expect((await pushOnly.endpoint('/e').oversize?.(headers, 1024))?.status).to.equal(413);
      expect(counted).to.deep.equal([
        'tvox_push_oversize_total catch-up-failed',
        'tvox_push_oversize_total refused',
      ]);
    });
  });

  it('answers 503 while nobody listens or when storing failed, so TVox pushes again', async () => {
    const receiver = new PushReceiver(hmac, 'C1', codec, read, { logger: silentLogger });
    const body = { connectorCode: 'C1', events: [pushed(1)] };
    expect((await receiver.endpoint('/e').handle(request(body))).status).to.equal(503);
    const subscription = receiver.subscribe(() => Promise.reject(new Error('disk full')));
    expect((await receiver.endpoint('/e').handle(request(body))).status).to.equal(503);
    await subscription.close();
    expect((await receiver.endpoint('/e').handle(request(body))).status).to.equal(503);
  });
});

describe('event poller', () => {
  /** A clock whose sleeps end at once (or when aborted), so the poller loops quickly. */
  const fastClock: Clock = {
    now: () => Date.now(),
    sleep: (_ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) reject(signal.reason as Error);
        else setImmediate(resolve);
      }),
  };

  /** A TVox stream of `total` events that records acknowledgements. */
  function fakeStream(total: number) {
    const acks: number[] = [];
    let acked = 0;
    return {
      acks,
      transport: {
        pollEvents: async ({ poll }: PollEventsRequest): Promise<EventBatch> => {
          const from = Math.max(poll.afterSequence, acked);
          const events = Array.from(
            { length: Math.max(0, Math.min(poll.max, total - from)) },
            (_, i) => event(from + i + 1),
          );
          return { events, lastSequence: total, unreadable: [] };
        },
        ackEvents: async ({ ack: { upToSequence } }: AckEventsRequest) => {
          acks.push(upToSequence);
          acked = upToSequence;
        },
      },
    };
  }

  it('acknowledges each batch after the handler stored it, in order', async () => {
    const stream = fakeStream(5);
    const seen: number[] = [];
    const poller = new EventPoller(
      stream.transport,
      async (events) => {
        seen.push(...events.map((e) => e.sequence));
      },
      fastClock,
      silentLogger,
      { intervalMs: 10, max: 2 },
    );
    while (stream.acks.at(-1) !== 5) await new Promise((resolve) => setImmediate(resolve));
    await poller.close();
    expect(seen).to.deep.equal([1, 2, 3, 4, 5]);
    expect(stream.acks).to.deep.equal([2, 4, 5]);
  });

  it('starts after the saved cursor and saves each acknowledged sequence', async () => {
    const stream = fakeStream(5);
    const polledAfter: number[] = [];
    const saved: number[] = [];
    const seen: number[] = [];
    const poller = new EventPoller(
      {
        ...stream.transport,
        pollEvents: (request) => {
          polledAfter.push(request.poll.afterSequence);
          return stream.transport.pollEvents(request);
        },
      },
      async (events) => {
        seen.push(...events.map((e) => e.sequence));
      },
      fastClock,
      silentLogger,
      {
        intervalMs: 10,
        max: 1,
        cursor: {
          load: async () => 3,
          save: async (sequence) => {
            saved.push(sequence);
          },
        },
      },
    );
    while (stream.acks.at(-1) !== 5) await new Promise((resolve) => setImmediate(resolve));
    await poller.close();
    expect(polledAfter.slice(0, 2)).to.deep.equal([3, 4]);
    expect(seen).to.deep.equal([4, 5]);
    expect(saved).to.deep.equal([4, 5]);
  });

  it('polls from the start when TVox started its stream again (its last sequence is below the cursor), counting it', async () => {
    // TVox's state was reset: it has issued 3 events, the connector acknowledged up to 10.
    const stream = fakeStream(3);
    const saved: number[] = [];
    const seen: number[] = [];
    const counted: string[] = [];
    const poller = new EventPoller(
      stream.transport,
      async (events) => {
        seen.push(...events.map((e) => e.sequence));
      },
      fastClock,
      silentLogger,
      {
        intervalMs: 10,
        max: 10,
        cursor: {
          load: async () => 10,
          save: async (sequence) => {
            saved.push(sequence);
          },
        },
      },
      {
        increment: (name, labels) => counted.push(`${name}${JSON.stringify(labels)}`),
        set: () => undefined,
        observe: () => undefined,
      },
    );
    while (stream.acks.at(-1) !== 3) await new Promise((resolve) => setImmediate(resolve));
    await poller.close();
    expect(seen).to.deep.equal([1, 2, 3]);
    expect(saved).to.deep.equal([0, 3]);
    expect(counted).to.deep.equal(['tvox_event_stream_restarts_total{"signal":"poll"}']);
  });

  it('does not acknowledge a batch the handler failed on, and delivers it again', async () => {
    const stream = fakeStream(2);
    const attempts: number[][] = [];
    const poller = new EventPoller(
      stream.transport,
      async (events) => {
        attempts.push(events.map((e) => e.sequence));
        if (attempts.length === 1) throw new Error('store unavailable');
      },
      fastClock,
      silentLogger,
      { intervalMs: 10, max: 10, backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
    );
    while (stream.acks.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await poller.close();
    expect(attempts.slice(0, 2)).to.deep.equal([
      [1, 2],
      [1, 2],
    ]);
    expect(stream.acks).to.deep.equal([2]);
  });
});

describe('event dedupe', () => {
  it('remembers handled events exactly like a set, whatever the order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60 })),
        fc.array(fc.integer({ min: 1, max: 60 })),
        (added, probes) => {
          const handled = new HandledEvents();
          for (const sequence of added) handled.add(event(sequence));
          const reference = new Set(added);
          for (const probe of probes)
            expect(handled.has(event(probe)), String(probe)).to.equal(reference.has(probe));
        },
      ),
    );
  });

  it('keeps bounded memory, forgetting the oldest (a forgotten one is passed on again, never lost)', () => {
    const handled = new HandledEvents(3);
    for (const sequence of [5000, 5001, 5002, 5003]) handled.add(event(sequence));
    expect([5000, 5001, 5002, 5003].map((s) => handled.has(event(s)))).to.deep.equal([
      false,
      true,
      true,
      true,
    ]);
    handled.add(event(1));
    expect(handled.has(event(1))).to.equal(true);
  });

  it('hands over an event of a restarted stream under a sequence it handled', async () => {
    const seen: string[] = [];
    const handler = dedupeEvents(async (events) => {
      seen.push(...events.map((e) => `${e.sequence}:${e.sessionId}`));
    });
    await handler([event(1), event(2)], []);
    // TVox's state was reset: its sequences start again, for sessions of its new run.
    await handler([{ ...event(1), sessionId: 's9', at: '2026-11-26T08:00:00Z' }, event(2)], []);
    expect(seen).to.deep.equal(['1:s1', '2:s1', '1:s9']);
  });

  it('hands each sequence over once, sorted, and again only if the handler failed', async () => {
    const seen: number[][] = [];
    let fail = true;
    const handler = dedupeEvents(async (events) => {
      if (fail) {
        fail = false;
        throw new Error('store down');
      }
      seen.push(events.map((e) => e.sequence));
    });
    await handler([event(2), event(1)], []).catch(() => undefined);
    await handler([event(2), event(1), event(1)], []);
    await handler([event(1), event(3), event(2)], []);
    await handler([event(2)], []);
    expect(seen).to.deep.equal([[1, 2], [3]]);
  });
});
