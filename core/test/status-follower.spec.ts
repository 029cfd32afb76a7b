import { expect } from 'chai';
import {
  STATUS_FOLLOWING,
  StatusFollower,
  SystemClock,
  TokenBucket,
  silentLogger,
  type NewJob,
  type SessionRecord,
  type SessionStatus,
  type StatusFollowerDeps,
} from '@tvox-connector/core';
import { eventually } from '@tvox-connector/testkit';

/** A routing session TVox answered for. */
function routingSession(key: string, status: SessionStatus = 'NEW'): SessionRecord {
  return {
    sessionKey: key,
    tvoxSessionId: `tvox-${key}`,
    conversation: { channel: 'web', id: key },
    serviceCode: 'SUPPORT',
    state: { status: status === 'UNKNOW' ? 'CLOSED' : status, statusSequence: 0, mode: 'routing' },
    openedAfterSequence: 0,
    openedAt: 0,
    updatedAt: 0,
  };
}

/** A store shared by instances: sessions, the jobs enqueued, and one lease per name. */
function sharedStore(sessions: SessionRecord[]) {
  const leases = new Map<string, { owner: string; until: number }>();
  const enqueued: NewJob[] = [];
  const store: StatusFollowerDeps['store'] = {
    listOpenSessions: async (after, limit) =>
      sessions.filter((s) => after === undefined || s.sessionKey > after).slice(0, limit),
    enqueue: async (jobs) => {
      enqueued.push(...jobs);
    },
    tryLead: async (name, owner, ttlMs) => {
      const lease = leases.get(name);
      if (lease !== undefined && lease.owner !== owner && lease.until > Date.now()) return false;
      leases.set(name, { owner, until: Date.now() + ttlMs });
      return true;
    },
    resign: async (name, owner) => {
      if (leases.get(name)?.owner === owner) leases.delete(name);
    },
  };
  return { store, enqueued, leases };
}

/** A TVox that answers every session `status`, counting the calls. */
function tvox(status: () => SessionStatus) {
  const asked: string[] = [];
  const transport: StatusFollowerDeps['transport'] = {
    getSessionStatus: async ({ session }) => {
      asked.push(session.id);
      return { status: status(), agent: { code: 'giulia' } };
    },
  };
  return { transport, asked };
}

const CONFIG = {
  waitingIntervalMs: 10,
  assignedIntervalMs: 10,
  reopenIfActiveWithinMs: 0,
};

function follower(
  owner: string,
  store: StatusFollowerDeps['store'],
  transport: StatusFollowerDeps['transport'],
): StatusFollower {
  return new StatusFollower({
    store,
    transport,
    clock: new SystemClock(),
    logger: silentLogger,
    config: CONFIG,
    calls: new TokenBucket(1_000, () => Date.now()),
    owner,
    leaseMs: 300,
    onReports: () => undefined,
  });
}

describe('status follower', function () {
  this.timeout(10_000);

  it('asks TVox from one instance at a time; the other takes over when it resigns', async () => {
    const { store, leases } = sharedStore([routingSession('s1'), routingSession('s2')]);
    const a = tvox(() => 'QUEUED');
    const b = tvox(() => 'QUEUED');
    const first = follower('a', store, a.transport);
    await eventually(() => a.asked.length >= 4);
    const second = follower('b', store, b.transport);
    try {
      const askedByA = a.asked.length;
      await eventually(() => a.asked.length >= askedByA + 4);
      expect(b.asked, 'the instance without the lease asks nothing').to.deep.equal([]);
      await first.close();
      expect(leases.has(STATUS_FOLLOWING), 'resigned').to.equal(false);
      await eventually(() => b.asked.length >= 2);
      expect(new Set(b.asked)).to.deep.equal(new Set(['tvox-s1', 'tvox-s2']));
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('reports a change once, with the agent TVox names, however often it asks', async () => {
    const { store, enqueued } = sharedStore([routingSession('s1')]);
    const { transport, asked } = tvox(() => 'BOOKED');
    const one = follower('a', store, transport);
    try {
      await eventually(() => asked.length >= 5);
    } finally {
      await one.close();
    }
    expect(enqueued).to.have.length(1);
    expect(enqueued[0]).to.deep.include({ kind: 'applyEvent', lane: 'status:s1' });
    expect((enqueued[0]!.payload as { reported: object }).reported).to.deep.include({
      sessionKey: 's1',
      status: 'BOOKED',
      agentCode: 'giulia',
    });
  });
});
