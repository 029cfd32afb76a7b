import {
  NotifyEventsInput,
  OpenSessionInput,
  PollEventsOutput,
  SendMessageInput,
} from '@tvox-connector/core';
import { expect } from 'chai';
import { ensureLists, releasePaths } from '../src/contract/release-paths';
import { fieldPaths } from '../src/contract/schema-shape';
import { fromWire, toWire } from '../src/contract/wire-values';

describe('contract shapes on the wire', () => {
  it('lists a schema’s field paths, parents first, with lists marked', () => {
    const fields = fieldPaths(SendMessageInput);
    expect(fields.map((f) => f.path)).to.deep.equal([
      'connectorCode',
      'sessionId',
      'message',
      'message.messageId',
      'message.text',
      'message.attachments[]',
      'message.attachments[].name',
      'message.attachments[].contentType',
      'message.attachments[].size',
      'message.attachments[].url',
      'message.sentAt',
    ]);
    expect(fields.find((f) => f.path === 'message.attachments[].url')).to.include({
      required: true,
      depth: 3,
    });
    expect(fields.find((f) => f.path === 'message.attachments[]')).to.include({
      required: false,
      list: true,
    });
  });

  it('requires a field of a union when one of its options does', () => {
    const fields = fieldPaths(NotifyEventsInput);
    expect(fields.find((f) => f.path === 'events[].status')?.required).to.equal(true);
    expect(fields.find((f) => f.path === 'events[].agentName')?.required).to.equal(false);
  });

  it('follows renames to where each path lives in a release, across lists', () => {
    const where = releasePaths(
      fieldPaths(PollEventsOutput).map((f) => f.path),
      {
        'events[].agentName': 'events[].operatorName',
        events: 'notifications',
        lastSequence: 'cursor.last',
      },
    );
    expect(where.get('events[]')).to.equal('notifications[]');
    expect(where.get('events[].agentName')).to.equal('notifications[].operatorName');
    expect(where.get('events[].attachments[].url')).to.equal('notifications[].attachments[].url');
    expect(where.get('lastSequence')).to.equal('cursor.last');
    expect(where.get('result')).to.equal('result');
  });

  it('makes one-element lists arrays along the given paths', () => {
    const value = { events: { sequence: 1, attachments: { name: 'a' } }, other: { x: 1 } };
    expect(ensureLists(value, ['events[]', 'events[].attachments[]', 'missing[]'])).to.deep.equal({
      events: [{ sequence: 1, attachments: [{ name: 'a' }] }],
      other: { x: 1 },
    });
  });

  it('writes string maps as entry lists and drops unknown fields', () => {
    expect(
      toWire(OpenSessionInput, {
        connectorCode: 'C',
        attributes: { tier: 'gold' },
        contact: { id: '1', channel: 'x', extra: true },
        unknown: 1,
      }),
    ).to.deep.equal({
      connectorCode: 'C',
      attributes: { entry: [{ key: 'tier', value: 'gold' }] },
      contact: { id: '1', channel: 'x' },
    });
  });

  it('reads numbers, dates, nil, single elements and entry lists back into contract shapes', () => {
    expect(
      fromWire(PollEventsOutput, {
        result: 'SUCCESS',
        errorCode: null,
        events: {
          type: 'agentMessage',
          sequence: '12',
          at: new Date('2026-11-25T09:00:00Z'),
          text: '',
          attachments: { name: 'a', contentType: 'text/plain', size: '3', url: 'https://f/a' },
          $attributes: { nil: 'false' },
        },
        lastSequence: 12,
      }),
    ).to.deep.equal({
      result: 'SUCCESS',
      events: [
        {
          type: 'agentMessage',
          sequence: 12,
          at: '2026-11-25T09:00:00.000Z',
          attachments: [{ name: 'a', contentType: 'text/plain', size: 3, url: 'https://f/a' }],
        },
      ],
      lastSequence: 12,
    });
    expect(
      fromWire(OpenSessionInput, { attributes: { entry: [{ key: 'a', value: 1 }, { key: 'b' }] } }),
    ).to.deep.equal({ attributes: { a: '1', b: '' } });
    expect(fromWire(PollEventsOutput, { lastSequence: 'twelve' })).to.deep.equal({
      lastSequence: 'twelve',
    });
  });
});
