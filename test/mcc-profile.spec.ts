/**
 * The documented TVox MCC 1.0, spoken through configuration alone: both transports with
 * `tvox.profile: mcc-1.0` against the simulator serving that profile — startSession with the
 * channel's TVox id and the session id the connector chose (a retry gets the first answer), every
 * documented fail reason as the typed error it means, and the guessed status and close operations
 * through every status, UNKNOW included.
 */
import {
  NoLicenseError,
  RemoteRejectedError,
  type OpenSessionRequest,
  type Transport,
  type TransportConfig,
} from '@tvox-connector/core';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually, expectRejection, openSessionRequest } from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createSoapTransport } from '@tvox-connector/transport-soap';
import { expect } from 'chai';

const CONNECTOR = { code: 'CONN', password: 'conn-secret' };
const AGENT = 'giulia';

const TECHNOLOGIES = [
  { name: 'SOAP', create: createSoapTransport },
  { name: 'REST', create: createRestTransport },
] as const;

/** A session request on a TVox channel, with the popup's description and data. */
function onChannel(id: string, tvoxChannelId: number, serviceCode = 'SUPPORT'): OpenSessionRequest {
  const base = openSessionRequest(id, serviceCode);
  return {
    ...base,
    channel: { id: 'webchat', tvoxChannelId },
    session: { ...base.session, description: `webchat · Customer ${id}`, data: 'order=1234' },
    contact: { ...base.contact, value: '+390612345678' },
  };
}

for (const technology of TECHNOLOGIES) {
  describe(`${technology.name} transport with the mcc-1.0 profile`, function () {
    this.timeout(20_000);
    let simulator: RunningSimulator;
    let transport: Transport;

    const config = (): TransportConfig => ({
      connectorCode: CONNECTOR.code,
      tvox: {
        url: simulator.url,
        profile: 'mcc-1.0',
        auth: { kind: 'basic', password: CONNECTOR.password },
        timeoutMs: 3_000,
        connectTimeoutMs: 1_000,
        maxConnections: 4,
      },
      events: { mode: 'poll', intervalMs: 1_000, max: 10 },
    });
    const status = async (id: string) => await transport.getSessionStatus({ session: { id } });

    before(async () => {
      simulator = await startSimulator({
        profile: 'mcc-1.0',
        port: 0,
        services: [
          { code: 'SUPPORT', offerTimeoutMs: 60_000 },
          // Sessions of this service stay NEW a while before they join the queue.
          { code: 'TRIAGE', queueDelayMs: 60_000 },
        ],
        agents: [{ code: AGENT, name: 'Giulia Bianchi' }],
        connectors: [CONNECTOR],
        channels: [{ id: 1 }, { id: 2, licensed: false }, { id: 3, licences: 1 }, { id: 1003 }],
      });
      transport = technology.create(config());
      await transport.start();
    });

    after(async () => {
      await transport.stop();
      await simulator.stop();
    });

    beforeEach(async () => {
      await simulator.client.reset();
    });

    it('binds the documented operation and the guessed ones: routing mode, no messages', () => {
      expect([...transport.operations]).to.have.members([
        'openSession',
        'closeSession',
        'getSessionStatus',
      ]);
      expect(transport.mode).to.equal('routing');
    });

    it('starts a session with the chosen id on the channel; a retry with that id gets the first answer (the simulator takes startSession as idempotent: a guess)', async () => {
      const request = onChannel('a1', 1);
      const opened = await transport.openSession(request);
      expect(opened.sessionId).to.equal(request.session.id);
      expect(opened.contactId, 'TVox matched the contact value').to.be.a('string');
      const again = await transport.openSession(request);
      expect(again).to.deep.equal(opened);
      const session = await simulator.client.session(request.session.id);
      expect(session).to.deep.include({
        serviceCode: 'SUPPORT',
        channelData: 'order=1234',
        subject: 'webchat · Customer a1',
      });
      expect(await simulator.client.sessions()).to.have.length(1);
    });

    it('follows a session through every status, UNKNOW included, and closes it', async () => {
      const fresh = await transport.openSession(onChannel('n1', 1, 'TRIAGE'));
      expect((await status(fresh.sessionId)).status).to.equal('NEW');
      const { sessionId } = await transport.openSession(onChannel('s1', 1003));
      expect((await status(sessionId)).status).to.equal('QUEUED');
      await simulator.client.login(AGENT);
      await eventually(async () => (await status(sessionId)).status === 'BOOKED');
      expect(await status(sessionId)).to.deep.equal({ status: 'BOOKED', agent: { code: AGENT } });
      await simulator.client.accept(AGENT, sessionId);
      expect(await status(sessionId)).to.deep.equal({ status: 'ASSIGNED', agent: { code: AGENT } });
      await transport.closeSession({ session: { id: sessionId }, close: { reason: 'resolved' } });
      expect((await status(sessionId)).status).to.equal('CLOSED');
      expect((await status('tc-never-opened')).status).to.equal('UNKNOW');
    });

    it('turns each documented fail reason into the error it means', async () => {
      const refusal = async (request: OpenSessionRequest) =>
        expectRejection(transport.openSession(request));
      for (const [tvoxChannelId, remoteCode] of [
        [0, 'INVALID_CHANNEL_ID'],
        [7, 'UNKNOWN_CHANNEL_ID'],
      ] as const) {
        const error = await refusal(onChannel(`bad-${tvoxChannelId}`, tvoxChannelId));
        expect(error).to.be.instanceOf(RemoteRejectedError);
        expect(error).to.include({ remoteCode, meaning: 'invalid-channel', retryable: false });
        expect(error.message).to.contain('channels[].tvoxChannelId');
      }
      const unlicensed = await refusal(onChannel('unlicensed', 2));
      expect(unlicensed).to.be.instanceOf(NoLicenseError);
      expect(unlicensed).to.include({ code: 'TVOX_ERR_NO_LICENSE', retryable: true });
      await transport.openSession(onChannel('first', 3));
      const exceeded = await refusal(onChannel('second', 3));
      expect(exceeded).to.include({ remoteCode: 'NO_LICENSE', code: 'TVOX_ERR_NO_LICENSE' });
      const generic = await refusal(onChannel('no-service', 1, 'NO-SUCH-SERVICE'));
      expect(generic).to.include({ remoteCode: 'GENERIC', meaning: 'rejected', retryable: false });
    });

    it('refuses message commands the release does not have', async () => {
      const error = await expectRejection(
        transport.sendMessage({
          session: { id: 'x' },
          message: { id: 'm', text: 'hi', sentAt: new Date().toISOString() },
        }),
      );
      expect(error).to.include({ code: 'TVOX_ERR_OPERATION_UNAVAILABLE', retryable: false });
    });
  });
}
