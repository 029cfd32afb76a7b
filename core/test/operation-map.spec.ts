import { expect } from 'chai';
import fc from 'fast-check';
import {
  OperationMap,
  REFERENCE_OPERATION_MAP,
  releaseOperationName,
  renameFields,
} from '@tvox-connector/core';

describe('operation map', () => {
  it('is the reference contract when empty', () => {
    expect(releaseOperationName(REFERENCE_OPERATION_MAP, 'openSession')).to.equal('openSession');
    expect(REFERENCE_OPERATION_MAP.operations.pollEvents).to.deep.equal({ input: {}, output: {} });
  });

  it('names operations and fields as a release does', () => {
    const map = OperationMap.parse({
      operations: {
        openSession: { operation: 'createSession', input: { channelSessionId: 'externalId' } },
      },
    });
    expect(releaseOperationName(map, 'openSession')).to.equal('createSession');
    expect(releaseOperationName(map, 'sendMessage')).to.equal('sendMessage');
  });

  it('renames nested fields and fields inside lists, both ways', () => {
    const renames = {
      'contact.displayName': 'contact.name',
      'events[].agentName': 'events[].operatorName',
      channelSessionId: 'externalId',
    };
    const ours = {
      channelSessionId: 'c1',
      contact: { id: 'u1', displayName: 'Anna' },
      events: [{ agentName: 'Giulia', sequence: 1 }, { sequence: 2 }],
    };
    const theirs = renameFields(ours, renames, 'toRelease');
    expect(theirs).to.deep.equal({
      externalId: 'c1',
      contact: { id: 'u1', name: 'Anna' },
      events: [{ operatorName: 'Giulia', sequence: 1 }, { sequence: 2 }],
    });
    expect(ours.contact.displayName, 'the input is not mutated').to.equal('Anna');
    expect(renameFields(theirs, renames, 'fromRelease')).to.deep.equal(ours);
  });

  it('refuses a path that is not a dotted field path', () => {
    expect(
      OperationMap.safeParse({ operations: { openSession: { input: { 'contact..x': 'y' } } } })
        .success,
    ).to.equal(false);
  });

  it('round-trips any payload through a rename and back (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.oneof(fc.string(), fc.integer(), fc.dictionary(key, fc.string()))),
        (payload) => {
          const renames = { a: 'x', 'b.c': 'b.y' };
          const back = renameFields(
            renameFields(payload, renames, 'toRelease'),
            renames,
            'fromRelease',
          );
          expect(back).to.deep.equal(payload);
        },
      ),
    );
  });
});
