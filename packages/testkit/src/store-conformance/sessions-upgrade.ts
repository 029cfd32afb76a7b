import type { Store } from '@tvox-connector/core';
import { expect } from 'chai';
import { conversation, statusEvent } from './fixtures.js';

/**
 * Rows a store of a release before session keys left (sessions keyed by TVox's id, the ledger
 * naming them by it; the same SQL for SQLite and PostgreSQL): an open session, a closed one, a
 * conversation with two open sessions (possible then), a message in a session, one event.
 */
export const SESSIONS_BEFORE_KEYS_SQL = `
  INSERT INTO sessions (session_id, channel, conversation_id, service_code, status, state,
    opened_at, updated_at) VALUES
    ('s1', 'webchat', 'c1', 'SUPPORT', 'ASSIGNED', '{"status":"ASSIGNED","statusSequence":4}', 10, 20),
    ('s2', 'webchat', 'c2', 'SUPPORT', 'CLOSED', '{"status":"CLOSED","statusSequence":5}', 11, 21),
    ('s3', 'webchat', 'c3', 'SUPPORT', 'QUEUED', '{"status":"QUEUED","statusSequence":2}', 12, 22),
    ('s4', 'webchat', 'c3', 'SUPPORT', 'QUEUED', '{"status":"QUEUED","statusSequence":3}', 13, 23);
  INSERT INTO messages (id, direction, channel, conversation_id, session_id, network_message_ids,
    state, payload, accepted_at, updated_at) VALUES
    ('m1', 'inbound', 'webchat', 'c1', 's1', '["m1"]', 'sent', '{}', 10, 10);
  INSERT INTO recorded_events (sequence, recorded_at) VALUES (7, 1);
`;

/**
 * Checks a store migrated from {@link SESSIONS_BEFORE_KEYS_SQL}: every session kept, its old id
 * both its key and its TVox id; of the two open sessions of one conversation the newer one stays
 * open; the ledger names sessions by key; and the new rules hold on the old rows.
 */
export async function expectSessionsUpgraded(store: Store): Promise<void> {
  expect(await store.getSession('s1')).to.deep.equal({
    sessionKey: 's1',
    tvoxSessionId: 's1',
    conversation: conversation('c1'),
    serviceCode: 'SUPPORT',
    state: { status: 'ASSIGNED', statusSequence: 4 },
    openedAfterSequence: 0,
    tvoxIdAt: 10,
    openedAt: 10,
    updatedAt: 20,
  });
  expect((await store.findEventSessions('s2')).named.map((s) => s.state.status)).to.deep.equal([
    'CLOSED',
  ]);
  expect((await store.findOpenSession(conversation('c3')))?.sessionKey).to.equal('s4');
  expect((await store.getSession('s3'))?.state).to.deep.equal({
    status: 'CLOSED',
    statusSequence: 2,
    closeReason: 'superseded by a newer session',
  });
  expect((await store.listMessages({ sessionKey: 's1' })).map((m) => m.id)).to.deep.equal(['m1']);
  const opening = { serviceCode: 'SUPPORT', state: { status: 'NEW', statusSequence: 0 } } as const;
  const inTheWay = await store.beginSession({
    ...opening,
    sessionKey: 'k1',
    conversation: conversation('c1'),
    openedAt: 30,
    updatedAt: 30,
  });
  expect(inTheWay.sessionKey, 'c1 keeps its one open session').to.equal('s1');
  const fresh = await store.beginSession({
    ...opening,
    sessionKey: 'k2',
    conversation: conversation('c2'),
    openedAt: 30,
    updatedAt: 30,
  });
  expect(fresh).to.deep.include({ sessionKey: 'k2', openedAfterSequence: 7 });
  // A sequence recorded before events had keys matches any event, as the dedupe on it did.
  const again = await store.recordEvents([
    { event: statusEvent(7, 's9'), job: { kind: 'applyEvent', lane: 'E', order: 7, payload: {} } },
  ]);
  expect(again.recorded).to.deep.equal([]);
  // TVox, restarted empty, gives an old session's id (its key too) to a new session: the id now
  // names the new one, never the old row by its key.
  const old = await store.getSession('s1');
  if (old === undefined) throw new Error('s1 was kept');
  await store.recordOpenAnswer({ sessionKey: 'k2', tvoxSessionId: 's1', at: 40 }, [
    { ...old, state: { status: 'CLOSED', statusSequence: 4 }, updatedAt: 40 },
  ]);
  expect((await store.findEventSessions('s1')).named.map((s) => s.sessionKey)).to.deep.equal([
    'k2',
    's1',
  ]);
}
