import { expect } from 'chai';
import fc from 'fast-check';
import {
  HTTP_STATUS,
  InboundGate,
  InvalidInputError,
  SignatureError,
  StoreError,
  UnexpectedError,
  errorReply,
  isTvoxError,
  noopMetrics,
  silentLogger,
  type ChannelAdapter,
  type InboundActivity,
  type Metrics,
  type ParseResult,
  type WebhookRequest,
} from '@tvox-connector/core';

const REQUEST: WebhookRequest = {
  method: 'POST',
  path: '/',
  query: {},
  headers: {},
  rawBody: Buffer.from('{}'),
};

const MESSAGE: InboundActivity = {
  kind: 'message',
  networkMessageId: 'n1',
  conversation: { channel: 'web', id: 'c1' },
  sender: { id: 'u1' },
  text: 'hi',
  attachments: [],
  sentAt: '2026-12-04T10:00:00.000Z',
};

/** An adapter whose verify and parse do what the test says. */
function adapter(
  verify: () => void,
  parse: () => ParseResult = () => ({ kind: 'activities', activities: [MESSAGE] }),
): ChannelAdapter {
  return {
    channel: 'web',
    network: 'test',
    capabilities: { maxTextLength: 100, typing: false, readReceipts: false },
    verify,
    parse,
    send: () => Promise.resolve({ networkMessageIds: [] }),
  };
}

describe('the inbound gate', () => {
  let stored: InboundActivity[][];
  let counted: { reason: string | undefined }[];
  const metrics: Metrics = {
    ...noopMetrics,
    increment: (name, labels) => {
      if (name === 'tvox_webhook_rejections_total') counted.push({ reason: labels?.reason });
    },
  };
  const sink = {
    accept: (activities: readonly InboundActivity[]) => {
      stored.push([...activities]);
      return Promise.resolve();
    },
  };
  const gate = (of: ChannelAdapter, into = sink) =>
    new InboundGate(of, into, { logger: silentLogger, metrics });

  beforeEach(() => {
    stored = [];
    counted = [];
  });

  it('verifies, parses and stores a request, then answers with what it stored', async () => {
    const outcome = await gate(adapter(() => undefined)).admit(REQUEST);
    expect(outcome).to.deep.equal({ kind: 'accepted', activities: [MESSAGE] });
    expect(stored).to.deep.equal([[MESSAGE]]);
    expect(counted).to.deep.equal([]);
  });

  it('refuses a forged or malformed request with its typed error, counted, storing nothing', async () => {
    const forged = gate(
      adapter(() => {
        throw new SignatureError('wrong token');
      }),
    );
    const malformed = gate(
      adapter(
        () => undefined,
        () => {
          throw new InvalidInputError('body', [{ path: '', message: 'not JSON' }]);
        },
      ),
    );
    for (const [refusing, status] of [
      [forged, 401],
      [malformed, 400],
    ] as const) {
      const error: unknown = await refusing.admit(REQUEST).catch((caught: unknown) => caught);
      expect(errorReply(error).status).to.equal(status);
    }
    expect(stored).to.deep.equal([]);
    expect(counted.map((c) => c.reason)).to.deep.equal(['signature', 'malformed']);
  });

  it('counts content the adapter does not relay, and answers a handshake with its own reply', async () => {
    const ignoring = gate(
      adapter(
        () => undefined,
        () => ({ kind: 'ignored', reason: 'a sticker' }),
      ),
    );
    expect(await ignoring.admit(REQUEST)).to.deep.equal({ kind: 'ignored', reason: 'a sticker' });
    const reply = { kind: 'reply', status: 200, contentType: 'text/plain', body: 'c' } as const;
    expect(await gate(adapter(() => undefined)).admitParsed(reply)).to.deep.equal(reply);
    expect(counted.map((c) => c.reason)).to.deep.equal(['ignored']);
    expect(stored).to.deep.equal([]);
  });

  it('counts what an adapter received itself and could not read, as a refused webhook', () => {
    gate(adapter(() => undefined)).reject(
      new InvalidInputError('update', [{ path: '', message: 'not an update' }]),
    );
    gate(adapter(() => undefined)).reject(new Error('a library failed'));
    expect(counted.map((c) => c.reason)).to.deep.equal(['malformed', 'error']);
    expect(stored).to.deep.equal([]);
  });

  it('refuses, counted, what an adapter in plain JavaScript hands back that is no parse result', async () => {
    const broken = adapter(
      () => undefined,
      () => undefined as unknown as ParseResult,
    );
    const error: unknown = await gate(broken)
      .admit(REQUEST)
      .catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(UnexpectedError);
    expect(errorReply(error).status).to.equal(500);
    expect(counted.map((c) => c.reason)).to.deep.equal(['error']);
  });

  it('leaves a failure to store what an adapter read itself to the adapter, uncounted', async () => {
    const down = new StoreError('accept', 'database is down at db.internal:5432');
    const error: unknown = await gate(
      adapter(() => undefined),
      {
        accept: () => Promise.reject(down),
      },
    )
      .accept([MESSAGE])
      .catch((caught: unknown) => caught);
    expect(error).to.equal(down);
    expect(counted).to.deep.equal([]);
    expect(errorReply(down).body.error, 'no internals in an answer').to.deep.equal({
      code: 'TVOX_ERR_STORE',
      message: 'internal error',
    });
  });

  it('answers a store that cannot take it with 503, so that the network delivers again', async () => {
    const failing = {
      accept: () => Promise.reject(new StoreError('accept', 'database is down')),
    };
    const error: unknown = await gate(
      adapter(() => undefined),
      failing,
    )
      .admit(REQUEST)
      .catch((caught: unknown) => caught);
    expect(errorReply(error).status).to.equal(503);
    expect(counted.map((c) => c.reason)).to.deep.equal(['store']);
  });

  it('turns whatever else an adapter throws into a typed 500 that tells no internals', () =>
    fc.assert(
      fc.asyncProperty(fc.anything(), async (thrown) => {
        const error: unknown = await gate(
          adapter(() => {
            throw thrown;
          }),
        )
          .admit(REQUEST)
          .catch((caught: unknown) => caught);
        expect(isTvoxError(error)).to.equal(true);
        const reply = errorReply(error);
        expect(Object.values(HTTP_STATUS)).to.include(reply.status);
        if (!isTvoxError(thrown)) {
          expect(error).to.be.instanceOf(UnexpectedError);
          expect(reply).to.deep.include({ status: 500 });
          expect(reply.body.error).to.deep.equal({
            code: 'TVOX_ERR_UNEXPECTED',
            message: 'internal error',
          });
        }
        expect(stored).to.deep.equal([]);
      }),
    ));
});
