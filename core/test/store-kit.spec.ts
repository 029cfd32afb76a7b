import { expect } from 'chai';
import {
  fromJsonColumn,
  outboxStatsOf,
  toDeadLetter,
  toJob,
  toJsonColumn,
  toMessageRecord,
  type DeadLetterRow,
  type JobRow,
  type MessageRow,
} from '@tvox-connector/core';

const messageRow: MessageRow = {
  id: 'm1',
  direction: 'outbound',
  channel: 'telegram',
  conversation_id: 'c1',
  session_key: null,
  network_message_ids: '["n1","n2"]',
  state: 'accepted',
  failure_code: null,
  failure_message: null,
  payload: null,
  accepted_at: 1000,
  updated_at: 2000,
};

const jobRow: JobRow = {
  id: 42,
  kind: 'deliverOutbound',
  lane: 'out:telegram:c1',
  lane_order: null,
  message_id: 'm1',
  payload: '{"text":"hi"}',
  not_before: null,
  attempts: 2,
  enqueued_at: 1000,
  failing_since: 1500,
  lease_owner: 'w1',
  lease_until: 5000,
  claims: 3,
  // As SQLite reads a boolean.
  interrupted: 1,
};

describe('store kit', () => {
  it('stores undefined as NULL and reads it back as undefined; null stays a JSON value', () => {
    expect(toJsonColumn(undefined)).to.equal(null);
    expect(fromJsonColumn(toJsonColumn(undefined))).to.equal(undefined);
    expect(fromJsonColumn(toJsonColumn(null))).to.equal(null);
    expect(fromJsonColumn(toJsonColumn({ a: [1, 'b'] }))).to.deep.equal({ a: [1, 'b'] });
    expect(() => toJsonColumn(1n)).to.throw(TypeError);
  });

  it('reads a message row, leaving NULL session and failure out', () => {
    const record = toMessageRecord(messageRow);
    expect(record).to.deep.equal({
      id: 'm1',
      direction: 'outbound',
      conversation: { channel: 'telegram', id: 'c1' },
      networkMessageIds: ['n1', 'n2'],
      state: 'accepted',
      payload: undefined,
      acceptedAt: 1000,
      updatedAt: 2000,
    });
    expect(record).not.to.have.property('sessionKey');
    expect(record).not.to.have.property('failure');
    const failed = toMessageRecord({ ...messageRow, state: 'failed', failure_code: 'X' });
    expect(failed.failure).to.deep.equal({ code: 'X', message: '' });
  });

  it('reads a job row with its lease, and a dead letter under the id its job had', () => {
    expect(toJob(jobRow, 'w1', 5000)).to.deep.equal({
      id: '42',
      kind: 'deliverOutbound',
      lane: 'out:telegram:c1',
      messageId: 'm1',
      payload: { text: 'hi' },
      attempts: 2,
      enqueuedAt: 1000,
      failingSince: 1500,
      leaseOwner: 'w1',
      leaseUntil: 5000,
      claimNumber: 3,
      interrupted: true,
    });
    const letter: DeadLetterRow = {
      job_id: 42,
      kind: 'applyEvent',
      lane: 'events:s1',
      lane_order: 7,
      message_id: null,
      payload: null,
      not_before: null,
      attempts: 3,
      enqueued_at: 1000,
      failure_code: 'E',
      failure_message: 'gone',
      failed_at: 9000,
      event_key: null,
    };
    const dead = toDeadLetter(letter);
    expect(dead.job).to.deep.equal({
      id: '42',
      kind: 'applyEvent',
      lane: 'events:s1',
      order: 7,
      payload: undefined,
      attempts: 3,
      enqueuedAt: 1000,
    });
    expect(dead.failure).to.deep.equal({ code: 'E', message: 'gone' });
    expect(dead.failedAt).to.equal(9000);
  });

  it('reports every job kind in order, zeros for a kind without jobs', () => {
    const stats = outboxStatsOf(
      [
        { kind: 'deliverOutbound', depth: 3, oldest: 1000 },
        { kind: 'applyEvent', depth: 1, oldest: 9000 },
      ],
      5000,
    );
    expect(stats).to.deep.equal([
      { kind: 'deliverInbound', depth: 0, oldestAgeMs: 0 },
      // A job stamped after `now` (another instance's clock) is not given a negative age.
      { kind: 'applyEvent', depth: 1, oldestAgeMs: 0 },
      { kind: 'deliverOutbound', depth: 3, oldestAgeMs: 4000 },
    ]);
  });
});
