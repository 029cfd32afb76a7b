import { NoLicenseError, RemoteRejectedError, UnknownSessionError } from '@tvox-connector/core';
import { expectRejection } from '@tvox-connector/testkit';
import type { SoapTransport } from '@tvox-connector/transport-soap';
import { expect } from 'chai';
import {
  ReleaseUnderTest,
  TWO_FILES,
  fixtureProfile,
  oneOfEachKind,
  soapAnswer,
} from './support/release-fixture';
import { childrenOf } from './support/xml-children';
import { namespacesOf } from './support/xml-namespaces';

const NAMESPACE = 'http://ws.mc.tvox.example.org/';
const PROFILE = fixtureProfile('java-first');

/** An answer as a Java-first service writes it: the wrapper qualified, its fields in <return>. */
const answer = (operation: string, inner: string) =>
  soapAnswer(
    `<ns2:${operation}Response xmlns:ns2="${NAMESPACE}"><return>${inner}</return></ns2:${operation}Response>`,
  );

const EVENT_HEAD = (sequence: number) =>
  `<sequence>${sequence}</sequence><sessionId>s1</sessionId><at>2026-11-25T09:00:00+01:00</at>`;

describe('SOAP transport against a Java-first (CXF/JAX-WS) release', () => {
  let release: ReleaseUnderTest;
  let transport: SoapTransport;

  before(async () => {
    release = await ReleaseUnderTest.serve('java-first');
    transport = release.transport(PROFILE);
    await transport.start();
  });

  after(async () => {
    await release.stop();
  });

  it('binds every operation of its profile, schema from ?xsd=1, and runs in relay mode', () => {
    expect(release.fake.requests.slice(0, 2).map((r) => r.url)).to.deep.equal([
      '/mc/cxf/soap?wsdl',
      '/mc/cxf/soap?xsd=1',
    ]);
    expect([...transport.operations].sort()).to.deep.equal([
      'ackEvents',
      'getSessionStatus',
      'openSession',
      'pollEvents',
      'sendMessage',
    ]);
    expect(transport.mode).to.equal('relay');
  });

  it('lists every gap when a profile that extends it renames fields wrongly', async () => {
    const profile = release.extendProfile(PROFILE, [
      'operations:',
      '  openSession:',
      '    request:',
      '      serviceid: null',
      "      serviceId: '{session.serviceCode}'",
      '  pollEvents:',
      '    events:',
      '      kinds:',
      '        statusChanged:',
      '          fields: { status: statusChanged.state }',
      '        agentTyping:',
      '          match: typing',
    ]);
    expect(await release.gapsAtStart(profile)).to.deep.equal([
      'startSession.serviceId',
      'pollEventsResponse.return.events[].statusChanged.state',
      'pollEventsResponse.return.events[].typing',
    ]);
  });

  describe('startSession, the documented operation', () => {
    it('sends the sequence in the WSDL’s order, unqualified, the map as entries, nothing absent', async () => {
      release.fake.answer = answer(
        'startSession',
        '<result>SUCCESS</result><sessionId>s-7</sessionId><contactId>c-9</contactId>',
      );
      expect(
        await transport.openSession({
          request: { id: 'r1' },
          session: { id: 's-7', serviceCode: 'SUPPORT', description: 'Order 12' },
          channel: { id: 'webchat', tvoxChannelId: 2 },
          conversation: { id: 'chat-1' },
          contact: { id: 'u1', value: '+39 02 1234' },
          attributes: { tier: 'gold', lang: 'it' },
        }),
      ).to.deep.equal({ sessionId: 's-7', contactId: 'c-9' });
      const call = release.lastCall();
      const request = release.fake.requests.at(-1);
      expect(request?.headers.soapaction).to.equal('""');
      expect(childrenOf(call, 'startSession')).to.deep.equal([
        ['channelId', 'serviceid', 'sessionId', 'description', 'contactValue', 'properties'],
      ]);
      expect(namespacesOf(call, 'startSession')).to.deep.equal([NAMESPACE]);
      for (const child of ['channelId', 'serviceid', 'properties', 'entry', 'key'])
        expect(namespacesOf(call, child), child).to.deep.equal(
          child === 'entry' || child === 'key' ? [undefined, undefined] : [undefined],
        );
      expect(childrenOf(call, 'properties')).to.deep.equal([['entry', 'entry']]);
      expect(childrenOf(call, 'entry')).to.deep.equal([
        ['key', 'value'],
        ['key', 'value'],
      ]);
      expect(call).to.match(/<channelId>2<\/channelId>/);
      expect(call).not.to.match(/<(\w+:)?(data|contactId)\b/);
    });

    const failures = [
      { reason: 'GENERIC', type: RemoteRejectedError, meaning: 'rejected', retryable: false },
      {
        reason: 'INVALID_CHANNEL_ID',
        type: RemoteRejectedError,
        meaning: 'invalid-channel',
        retryable: false,
      },
      {
        reason: 'UNKNOWN_CHANNEL_ID',
        type: RemoteRejectedError,
        meaning: 'invalid-channel',
        retryable: false,
      },
      { reason: 'NO_LICENSE', type: NoLicenseError, meaning: 'no-license', retryable: true },
    ] as const;
    for (const { reason, type, meaning, retryable } of failures) {
      it(`maps FAILED with ${reason} to ${meaning}`, async () => {
        release.fake.answer = answer(
          'startSession',
          `<failReason>${reason}</failReason><failReasonMessage>no</failReasonMessage><result>FAILED</result>`,
        );
        const error = await expectRejection(
          transport.openSession({
            request: { id: 'r2' },
            session: { id: 's-8', serviceCode: 'SUPPORT' },
            channel: { id: 'webchat', tvoxChannelId: 9 },
            conversation: { id: 'chat-2' },
            contact: { id: 'u2' },
          }),
        );
        expect(error).to.be.instanceOf(type);
        expect(error).to.include({ remoteCode: reason, remoteMessage: 'no', meaning, retryable });
      });
    }
  });

  it('sends attachments as repeated elements with no wrapper, each in its sequence', async () => {
    release.fake.answer = answer('sendMessage', '<result>SUCCESS</result>');
    await transport.sendMessage(TWO_FILES);
    const call = release.lastCall();
    expect(childrenOf(call, 'sendMessage')).to.deep.equal([['sessionId', 'message']]);
    expect(childrenOf(call, 'message')).to.deep.equal([
      ['messageId', 'text', 'attachments', 'attachments', 'sentAt'],
    ]);
    expect(childrenOf(call, 'attachments')).to.deep.equal([
      ['name', 'contentType', 'size', 'url'],
      ['name', 'contentType', 'size', 'url'],
    ]);
  });

  it('raises UnknownSessionError for a FAILED sendMessage on a session TVox does not know', async () => {
    release.fake.answer = answer(
      'sendMessage',
      '<result>FAILED</result><failReason>UNKNOWN_SESSION</failReason>',
    );
    const error = await expectRejection(
      transport.sendMessage({
        session: { id: 's-gone' },
        message: { id: 'm2', text: 'hello', sentAt: '2026-11-25T09:00:00Z' },
      }),
    );
    expect(error).to.be.instanceOf(UnknownSessionError);
    expect(error).to.include({ sessionId: 's-gone' });
  });

  it('reads a status with the agent, and a nil agent as none', async () => {
    release.fake.answer = answer(
      'getSessionStatus',
      '<result>SUCCESS</result><status>ASSIGNED</status><agent>a1</agent>',
    );
    expect(await transport.getSessionStatus({ session: { id: 's1' } })).to.deep.equal({
      status: 'ASSIGNED',
      agent: { code: 'a1' },
    });
    release.fake.answer = answer(
      'getSessionStatus',
      '<result>SUCCESS</result><status>QUEUED</status>' +
        '<agent xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>',
    );
    expect(await transport.getSessionStatus({ session: { id: 's1' } })).to.deep.equal({
      status: 'QUEUED',
    });
  });

  it('reads choice events: the kind is the child present; one-element lists; numbers as text', async () => {
    release.fake.answer = answer(
      'pollEvents',
      '<result>SUCCESS</result>' +
        `<events>${EVENT_HEAD(5)}<statusChanged><status>ASSIGNED</status><agentCode>a1</agentCode></statusChanged></events>` +
        `<events>${EVENT_HEAD(6)}<agentMessage><messageId>m1</messageId><agentCode>a1</agentCode>` +
        '<attachments><name>a.pdf</name><contentType>application/pdf</contentType><size>42</size>' +
        '<url>https://f/a</url></attachments></agentMessage></events>' +
        `<events>${EVENT_HEAD(7)}<agentTyping><agentCode>a1</agentCode></agentTyping></events>` +
        `<events>${EVENT_HEAD(8)}<agentLeft><agentCode>a1</agentCode></agentLeft></events>` +
        '<lastSequence>8</lastSequence>',
    );
    const batch = await transport.pollEvents({ poll: { afterSequence: 4, max: 10 } });
    expect(batch.events).to.deep.equal(oneOfEachKind(5, '2026-11-25T09:00:00+01:00'));
    expect(batch.lastSequence).to.equal(8);
    expect(batch.unreadable.map((e) => [e.sequence, e.reason])).to.deep.equal([
      [8, 'the event is of no kind the profile knows'],
    ]);
  });

  it('reads a single event and an empty list (absent) alike', async () => {
    release.fake.answer = answer(
      'pollEvents',
      `<result>SUCCESS</result><events>${EVENT_HEAD(9)}<agentTyping><agentCode>a2</agentCode></agentTyping></events><lastSequence>9</lastSequence>`,
    );
    const one = await transport.pollEvents({ poll: { afterSequence: 8, max: 10 } });
    expect(one.events.map((e) => e.sequence)).to.deep.equal([9]);
    release.fake.answer = answer(
      'pollEvents',
      '<result>SUCCESS</result><lastSequence>9</lastSequence>',
    );
    expect(await transport.pollEvents({ poll: { afterSequence: 9, max: 10 } })).to.deep.equal({
      events: [],
      lastSequence: 9,
      unreadable: [],
    });
    expect(childrenOf(release.lastCall(), 'pollEvents')).to.deep.equal([['afterSequence', 'max']]);
  });
});
