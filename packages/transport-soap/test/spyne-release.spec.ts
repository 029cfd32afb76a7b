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

const NAMESPACE = 'tvox.spyne.example';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** A spyne answer: every element qualified, under a default namespace. */
const answer = (element: string, inner: string) =>
  soapAnswer(`<${element} xmlns="${NAMESPACE}" xmlns:xsi="${XSI}">${inner}</${element}>`);

/** An event of the `kind` subclass, as spyne writes a polymorphic list element. */
const event = (kind: string, sequence: number, fields: string) =>
  `<Event xsi:type="${kind}"><sequence>${sequence}</sequence><session_id>s1</session_id>` +
  `<at>2026-11-25T09:00:00Z</at>${fields}</Event>`;

describe('SOAP transport against a Python spyne release', () => {
  let release: ReleaseUnderTest;
  let transport: SoapTransport;

  before(async () => {
    release = await ReleaseUnderTest.serve('spyne');
    transport = release.transport(fixtureProfile('spyne'));
    await transport.start();
  });

  after(async () => {
    await release.stop();
  });

  it('binds its profile to the inline schema, events by xsi:type included', () => {
    expect([...transport.operations].sort()).to.deep.equal([
      'ackEvents',
      'openSession',
      'pollEvents',
      'sendMessage',
    ]);
  });

  it('checks xsi:type kinds against their subtypes: a misspelt field or subtype is a gap', async () => {
    const profile = release.extendProfile(fixtureProfile('spyne'), [
      'operations:',
      '  pollEvents:',
      '    events:',
      '      kinds:',
      '        statusChanged:',
      '          fields: { status: state }',
      '        agentTyping:',
      '          match: Typing',
    ]);
    expect(await release.gapsAtStart(profile)).to.deep.equal([
      'poll_eventsResponse.events.Event[](xsi:type StatusChanged).state',
      'poll_eventsResponse.events.Event[](xsi:type Typing)',
    ]);
  });

  it('sends qualified children in sequence order with the soapAction, reads a wrapped …Result', async () => {
    release.fake.answer = answer(
      'open_sessionResponse',
      '<open_sessionResult><result>SUCCESS</result><session_id>t-1</session_id>' +
        '<status>QUEUED</status><fail_reason xsi:nil="true"/></open_sessionResult>',
    );
    expect(
      await transport.openSession({
        request: { id: 'r1' },
        session: { id: 's-1', serviceCode: 'SUPPORT' },
        channel: { id: 'webchat' },
        conversation: { id: 'chat-1' },
        contact: { id: 'u1', displayName: 'Ada', email: 'ada@example.com' },
      }),
    ).to.deep.equal({ sessionId: 't-1', status: 'QUEUED' });
    const call = release.lastCall();
    expect(release.fake.requests.at(-1)?.headers.soapaction).to.equal('"open_session"');
    expect(childrenOf(call, 'open_session')).to.deep.equal([['service', 'request_id', 'contact']]);
    expect(childrenOf(call, 'contact')).to.deep.equal([['name', 'email']]);
    for (const element of ['open_session', 'service', 'contact', 'name', 'email'])
      expect(namespacesOf(call, element), element).to.deep.equal([NAMESPACE]);
  });

  it('wraps a list in its Array element of repeated children', async () => {
    release.fake.answer = answer(
      'send_messageResponse',
      '<send_messageResult><result>SUCCESS</result></send_messageResult>',
    );
    await transport.sendMessage(TWO_FILES);
    const call = release.lastCall();
    expect(childrenOf(call, 'message')).to.deep.equal([
      ['message_id', 'text', 'attachments', 'sent_at'],
    ]);
    expect(childrenOf(call, 'attachments')).to.deep.equal([['Attachment', 'Attachment']]);
    expect(childrenOf(call, 'Attachment')).to.deep.equal([
      ['file_name', 'mime_type', 'size', 'url'],
      ['file_name', 'mime_type', 'size', 'url'],
    ]);
    expect(namespacesOf(call, 'Attachment')).to.deep.equal([NAMESPACE, NAMESPACE]);
  });

  it('reads a flat (bare) answer whose events are a wrapped list told apart by xsi:type', async () => {
    release.fake.answer = answer(
      'poll_eventsResponse',
      '<result>SUCCESS</result><events>' +
        event('StatusChanged', 3, '<status>ASSIGNED</status><agent_code>a1</agent_code>') +
        event(
          'AgentMessage',
          4,
          '<message_id>m1</message_id><agent_code>a1</agent_code><attachments><Attachment>' +
            '<file_name>a.pdf</file_name><mime_type>application/pdf</mime_type><size>42</size>' +
            '<url>https://f/a</url></Attachment></attachments>',
        ) +
        event('AgentTyping', 5, '<agent_code>a1</agent_code>') +
        '</events><last_sequence>5</last_sequence>',
    );
    const batch = await transport.pollEvents({ poll: { afterSequence: 2, max: 10 } });
    expect(batch).to.deep.equal({
      events: oneOfEachKind(3, '2026-11-25T09:00:00Z'),
      lastSequence: 5,
      unreadable: [],
    });
    expect(childrenOf(release.lastCall(), 'poll_events')).to.deep.equal([
      ['after_sequence', 'max'],
    ]);
  });

  it('reads a wrapped list of one event', async () => {
    release.fake.answer = answer(
      'poll_eventsResponse',
      `<result>SUCCESS</result><events>${event('AgentTyping', 6, '<agent_code>a2</agent_code>')}</events>` +
        '<last_sequence>6</last_sequence>',
    );
    const batch = await transport.pollEvents({ poll: { afterSequence: 5, max: 10 } });
    expect(batch.events).to.deep.equal([
      {
        type: 'agentTyping',
        sequence: 6,
        sessionId: 's1',
        at: '2026-11-25T09:00:00Z',
        agentCode: 'a2',
      },
    ]);
  });

  it('maps a FAILED flat answer’s reason to its meaning', async () => {
    release.fake.answer = answer(
      'ack_eventsResponse',
      '<result>FAILED</result><fail_reason>NO_LICENSE</fail_reason><fail_message>busy</fail_message>',
    );
    const error = await expectRejection(transport.ackEvents({ ack: { upToSequence: 6 } }));
    expect(error).to.be.instanceOf(NoLicenseError);
    expect(error).to.include({ remoteCode: 'NO_LICENSE', remoteMessage: 'busy', retryable: true });
    expect(childrenOf(release.lastCall(), 'ack_events')).to.deep.equal([['up_to_sequence']]);
  });

  it('maps a FAILED wrapped answer’s reason to its meaning, and an unlisted one to rejected', async () => {
    release.fake.answer = answer(
      'send_messageResponse',
      '<send_messageResult><result>FAILED</result><fail_reason>NO_SUCH_SESSION</fail_reason></send_messageResult>',
    );
    const message = { id: 'm2', text: 'hi', sentAt: '2026-11-25T09:00:00Z' };
    const gone = await expectRejection(transport.sendMessage({ session: { id: 's9' }, message }));
    expect(gone).to.be.instanceOf(UnknownSessionError);
    expect(gone).to.include({ sessionId: 's9', remoteCode: 'NO_SUCH_SESSION' });
    release.fake.answer = answer(
      'send_messageResponse',
      '<send_messageResult><result>FAILED</result><fail_reason>QUOTA</fail_reason></send_messageResult>',
    );
    const other = await expectRejection(transport.sendMessage({ session: { id: 's9' }, message }));
    expect(other).to.be.instanceOf(RemoteRejectedError);
    expect(other).to.include({ remoteCode: 'QUOTA', meaning: 'rejected', retryable: false });
  });
});
