import {
  RemoteRejectedError,
  TransportCallError,
  UnknownSessionError,
  callbackSignature,
  type HttpEndpoint,
  type Transport,
  type TransportConfig,
  type TvoxEvent,
} from '@tvox-connector/core';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { expect } from 'chai';
import { request } from 'undici';
import { openSessionRequest } from './open-session-request.js';
import { serveEndpoints, type ServedEndpoints } from './serve-endpoints.js';
import { eventually, expectRejection } from './wait.js';

/** What a transport author passes to {@link transportConformance}. */
export interface TransportConformanceOptions {
  /** Shown in the suite's title, e.g. `REST`. */
  readonly name: string;
  /** Builds the transport under test for a configuration pointing at the simulator. */
  readonly create: (config: TransportConfig) => Transport;
  /** How the simulator pushes to this transport's callback: REST `POST /events` or SOAP. */
  readonly pushTechnology: 'rest' | 'soap';
}

const SERVICE = 'SUPPORT';
const AGENT = 'agent1';
const PUSH_SECRET = 'conformance-push-secret';

/**
 * The mocha suite every transport passes against the simulator: the six commands, idempotent
 * retries, FAILED mapping, events by poll and push, dedupe of re-delivered events, ordering by
 * sequence, callback authentication, bad callback bodies, time-outs, and recovery after an outage.
 * Call it at the top level of a spec file.
 */
export function transportConformance(options: TransportConformanceOptions): void {
  describe(`${options.name} transport conformance`, function () {
    this.timeout(20_000);
    let simulator: RunningSimulator;
    let callbacks: ServedEndpoints;
    let endpoints: HttpEndpoint[] = [];
    let started: Transport[] = [];

    const config = (
      connectorCode: string,
      password: string,
      overrides: Partial<TransportConfig> = {},
    ): TransportConfig => ({
      connectorCode,
      tvox: {
        url: simulator.url,
        profile: 'tvox-mc-relay',
        auth: { kind: 'basic', password },
        timeoutMs: 2_000,
        connectTimeoutMs: 1_000,
        maxConnections: 4,
      },
      events: { mode: 'poll', intervalMs: 20, max: 50 },
      ...overrides,
    });
    const make = async (transportConfig: TransportConfig): Promise<Transport> => {
      const transport = options.create(transportConfig);
      started.push(transport);
      if (transport.callback) endpoints.push(transport.callback);
      await transport.start();
      return transport;
    };
    const poller = () => make(config('POLLER', 'poller-password'));
    const pusher = () =>
      make(
        config('PUSHER', 'pusher-password', {
          events: {
            mode: 'push',
            callbackUrl: `${callbacks.url}/tvox/callback`,
            auth: { kind: 'hmac', secret: PUSH_SECRET, header: 'x-tvox-signature' },
          },
        }),
      );
    const contact = (id: string) => ({ id, channel: 'webchat', displayName: `Customer ${id}` });
    let requests = 0;
    const openRequest = (id: string, serviceCode = SERVICE) => openSessionRequest(id, serviceCode);
    const open = async (transport: Transport, id = `c${++requests}`) =>
      transport.openSession(openRequest(id));
    const message = (id: string, text: string) => ({ id, text, sentAt: new Date().toISOString() });
    const status = async (transport: Transport, id: string) =>
      (await transport.getSessionStatus({ session: { id } })).status;
    /** Collects what a subscription delivers; fails the first `failures` batches. */
    const collector = (failures = 0) => {
      const batches: number[][] = [];
      let left = failures;
      return {
        batches,
        sequences: () => batches.flat(),
        handler: async (events: readonly TvoxEvent[]) => {
          if (left > 0) {
            left -= 1;
            throw new Error('the store is unavailable (injected by the test)');
          }
          batches.push(events.map((e) => e.sequence));
        },
      };
    };

    before(async () => {
      // A generous server limit, so that the transport's own limit on pushes is what answers 413.
      callbacks = await serveEndpoints(() => endpoints, { bodyLimitBytes: 16 * 1024 * 1024 });
      simulator = await startSimulator({
        port: 0,
        services: [{ code: SERVICE, offerTimeoutMs: 60_000 }],
        agents: [{ code: AGENT, name: 'Conformance Agent' }],
        connectors: [
          { code: 'POLLER', password: 'poller-password' },
          {
            code: 'PUSHER',
            password: 'pusher-password',
            events: {
              mode: 'push',
              technology: options.pushTechnology,
              url: `${callbacks.url}/tvox/callback`,
              auth: { kind: 'hmac', secret: PUSH_SECRET },
            },
          },
        ],
        push: { retryBaseMs: 20, retryMaxMs: 100 },
      });
    });

    beforeEach(async () => {
      await simulator.client.reset();
      await simulator.client.login(AGENT);
    });

    afterEach(async () => {
      await Promise.all(started.map((t) => t.stop()));
      started = [];
      endpoints = [];
    });

    after(async () => {
      await simulator.stop();
      await callbacks.close();
    });

    describe('commands', () => {
      it('opens a session, sends a message, reads the status and closes the session', async () => {
        const transport = await poller();
        const session = await open(transport);
        expect(session.status).to.equal('BOOKED');
        await transport.sendMessage({
          session: { id: session.sessionId },
          message: message('m1', 'Hello <there> & welcome'),
        });
        expect(await status(transport, session.sessionId)).to.equal('BOOKED');
        await transport.closeSession({
          session: { id: session.sessionId },
          close: { reason: 'customer left' },
        });
        expect(await status(transport, session.sessionId)).to.equal('CLOSED');
        const ledger = await simulator.client.session(session.sessionId);
        expect(ledger.transcript.map((t) => t.text)).to.deep.equal(['Hello <there> & welcome']);
        expect(ledger.contact).to.deep.include(contact(ledger.contact.id));
        expect(ledger.closeReason).to.equal('customer left');
      });

      it('carries attributes, the description and the data to TVox', async () => {
        const transport = await poller();
        const base = openRequest('x1');
        const { sessionId } = await transport.openSession({
          ...base,
          session: { ...base.session, description: 'Order 1234', data: '{"page":"/checkout"}' },
          contact: { ...base.contact, email: 'x1@example.com', locale: 'it' },
          attributes: { vip: 'yes', language: 'it' },
        });
        const ledger = await simulator.client.session(sessionId);
        expect(ledger).to.deep.include({
          subject: 'Order 1234',
          channelData: '{"page":"/checkout"}',
          attributes: { vip: 'yes', language: 'it' },
        });
        expect(ledger.contact).to.deep.include({ email: 'x1@example.com', locale: 'it' });
      });

      it('reports UNKNOW for a session TVox does not know', async () => {
        const transport = await poller();
        expect(await status(transport, 'no-such-session')).to.equal('UNKNOW');
      });

      it('gets the first answer for a retried openSession, and stores a retried message once', async () => {
        const transport = await poller();
        const first = await open(transport, 'retry');
        const again = await transport.openSession(openRequest('retry'));
        expect(again.sessionId).to.equal(first.sessionId);
        const sent = message('same-id', 'only once');
        await transport.sendMessage({ session: { id: first.sessionId }, message: sent });
        await transport.sendMessage({ session: { id: first.sessionId }, message: sent });
        expect((await simulator.client.session(first.sessionId)).transcript).to.have.length(1);
        expect(await simulator.client.sessions({ connector: 'POLLER' })).to.have.length(1);
      });
    });

    describe('failures', () => {
      it('turns result FAILED into a RemoteRejectedError that is not retried', async () => {
        const transport = await poller();
        const error = await expectRejection(
          transport.openSession(openRequest('f', 'NO-SUCH-SERVICE')),
        );
        expect(error).to.be.instanceOf(RemoteRejectedError);
        expect(error).to.include({
          remoteCode: 'UNKNOWN_SERVICE',
          meaning: 'unknown-service',
          retryable: false,
          code: 'TVOX_ERR_REMOTE_REJECTED',
        });
      });

      it('turns UNKNOWN_SESSION into an UnknownSessionError naming the session', async () => {
        const transport = await poller();
        const error = await expectRejection(
          transport.sendMessage({ session: { id: 'gone' }, message: message('m', 'hi') }),
        );
        expect(error).to.be.instanceOf(UnknownSessionError);
        expect(error).to.include({ sessionId: 'gone', code: 'TVOX_ERR_UNKNOWN_SESSION' });
      });

      it('refuses a message to a closed session with SESSION_CLOSED', async () => {
        const transport = await poller();
        const { sessionId } = await open(transport);
        await transport.closeSession({ session: { id: sessionId } });
        const error = await expectRejection(
          transport.sendMessage({
            session: { id: sessionId },
            message: message('late', 'still there?'),
          }),
        );
        expect(error).to.be.instanceOf(RemoteRejectedError);
        expect(error).to.include({ remoteCode: 'SESSION_CLOSED', meaning: 'session-closed' });
      });

      it('fails on wrong credentials with a TransportCallError 401 that is not retried', async () => {
        const transport = options.create(config('POLLER', 'wrong-password'));
        started.push(transport);
        // start() may already fail on credentials (a description behind auth); either way, 401.
        const error = await expectRejection(
          transport.start().then(() => transport.getSessionStatus({ session: { id: 'x' } })),
        );
        expect(error).to.be.instanceOf(TransportCallError);
        expect(error).to.include({ status: 401, retryable: false });
      });

      it('times out against an answer slower than its time-out, retryably', async () => {
        const transport = await make({
          ...config('POLLER', 'poller-password'),
          tvox: { ...config('POLLER', 'poller-password').tvox, timeoutMs: 300 },
        });
        await simulator.client.injectFaults({ latencyMs: 1_000 });
        const error = await expectRejection(transport.getSessionStatus({ session: { id: 'x' } }));
        await simulator.client.clearFaults();
        expect(error).to.be.instanceOf(TransportCallError);
        expect(error).to.include({ kind: 'timeout', retryable: true });
      });

      it('fails retryably during an outage and works again once it ends', async () => {
        const transport = await poller();
        await simulator.client.injectFaults({ outage: { seconds: 0.5 } });
        const error = await expectRejection(open(transport));
        expect(error).to.be.instanceOf(TransportCallError);
        expect(error).to.include({ retryable: true });
        await new Promise((resolve) => setTimeout(resolve, 600));
        expect((await open(transport)).status).to.equal('BOOKED');
      });

      it('fails to start, retryably, when TVox cannot be reached', async () => {
        const closed = await serveEndpoints([]);
        const url = closed.url;
        await closed.close();
        const transport = options.create({
          ...config('POLLER', 'poller-password'),
          tvox: { ...config('POLLER', 'poller-password').tvox, url },
        });
        started.push(transport);
        const error = await expectRejection(transport.start());
        expect(error).to.be.instanceOf(TransportCallError);
        expect(error).to.include({ retryable: true });
      });
    });

    describe('events by poll', () => {
      it('delivers events in sequence order and acknowledges only what the handler stored', async () => {
        const transport = await poller();
        const received = collector(1);
        const subscription = await transport.subscribe(received.handler);
        const { sessionId } = await open(transport);
        await simulator.client.accept(AGENT, sessionId);
        await simulator.client.reply(AGENT, sessionId, { text: 'Hi!' });
        await eventually(() => received.sequences().length === 4);
        expect(received.sequences()).to.deep.equal([1, 2, 3, 4]);
        await eventually(async () => (await simulator.client.events('POLLER')).pendingEvents === 0);
        await subscription.close();
      });
    });

    describe('events by push', () => {
      it('receives pushed events through its callback, in sequence order', async () => {
        const transport = await pusher();
        expect(transport.callback, 'a push transport exposes its callback').to.not.equal(undefined);
        const received = collector();
        await transport.subscribe(received.handler);
        const { sessionId } = await open(transport);
        await simulator.client.accept(AGENT, sessionId);
        await eventually(() => received.sequences().length === 3);
        expect(received.sequences()).to.deep.equal([1, 2, 3]);
        await eventually(async () => (await simulator.client.events('PUSHER')).pendingEvents === 0);
      });

      it('answers 503 when the handler fails, so TVox pushes the events again', async () => {
        const transport = await pusher();
        const received = collector(2);
        await transport.subscribe(received.handler);
        await open(transport);
        await eventually(() => received.sequences().length === 2);
        expect(received.sequences()).to.deep.equal([1, 2]);
      });

      it('drops a re-delivered event', async () => {
        const transport = await pusher();
        const received = collector();
        await transport.subscribe(received.handler);
        await simulator.client.injectFaults({ duplicatePushes: 3 });
        const { sessionId } = await open(transport);
        await simulator.client.accept(AGENT, sessionId);
        await eventually(async () => (await simulator.client.events('PUSHER')).pendingEvents === 0);
        expect(received.sequences()).to.deep.equal([1, 2, 3]);
      });

      it('loses nothing and orders each batch when pushes are reordered', async () => {
        const transport = await pusher();
        const received = collector();
        await transport.subscribe(received.handler);
        await simulator.client.injectFaults({ reorderPushes: 1 });
        await open(transport);
        await eventually(() => received.sequences().length === 2);
        expect([...received.sequences()].sort()).to.deep.equal([1, 2]);
        for (const batch of received.batches)
          expect(batch).to.deep.equal([...batch].sort((a, b) => a - b));
      });

      it('answers a push with bad credentials 401, a malformed one 400, an oversized one 413, reaching no handler', async () => {
        const transport = await pusher();
        const received = collector();
        await transport.subscribe(received.handler);
        const path = transport.callback?.path ?? '';
        const post = async (body: string, signature: string) => {
          const response = await request(`${callbacks.url}${path}`, {
            method: 'POST',
            body,
            headers: {
              'content-type': options.pushTechnology === 'rest' ? 'application/json' : 'text/xml',
              'x-tvox-signature': signature,
            },
          });
          await response.body.dump();
          return response.statusCode;
        };
        const garbage = '<<<{{{ not a push';
        expect(await post(garbage, 'deadbeef')).to.equal(401);
        expect(await post(garbage, callbackSignature(PUSH_SECRET, garbage))).to.equal(400);
        const entity = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>';
        expect(await post(entity, callbackSignature(PUSH_SECRET, entity))).to.equal(400);
        const huge = 'x'.repeat(5 * 1024 * 1024);
        expect(await post(huge, callbackSignature(PUSH_SECRET, huge))).to.equal(413);
        expect(received.batches).to.deep.equal([]);
      });
    });
  });
}
