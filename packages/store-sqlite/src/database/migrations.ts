import type { Migration } from '@tvox-connector/core';

/**
 * Every schema change, in order: the only place the schema is defined. A released migration is
 * never edited; a change is a new entry at the end.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger, outbox, dead letters, sessions, event dedupe, cursors',
    sql: `
      -- The ledger: every message in either direction. Newest first is accepted_at, then rowid.
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        channel TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        session_id TEXT,
        network_message_ids TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('accepted', 'sent', 'delivered', 'read', 'failed')),
        failure_code TEXT,
        failure_message TEXT,
        payload TEXT,
        accepted_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages (channel, conversation_id, accepted_at);
      CREATE INDEX messages_by_session ON messages (session_id, accepted_at)
        WHERE session_id IS NOT NULL;
      CREATE INDEX messages_by_state ON messages (state, accepted_at);
      CREATE INDEX messages_by_time ON messages (accepted_at);

      -- Receipts name messages by the network's ids: one row per id, kept in step with
      -- messages.network_message_ids (which keeps their order for reading).
      CREATE TABLE message_network_ids (
        channel TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        network_message_id TEXT NOT NULL,
        message_id TEXT NOT NULL REFERENCES messages (id),
        PRIMARY KEY (channel, conversation_id, network_message_id, message_id)
      ) WITHOUT ROWID;
      CREATE INDEX message_network_ids_by_message ON message_network_ids (message_id);

      -- The outbox. A lane's head is its oldest job (is_head = 1, kept by the store): only heads
      -- are claimed, so a lane runs one job at a time, in id order. ready_at is when a head can be
      -- claimed (enqueued, past its back-off, past its lease); claims take the longest-ready first.
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('deliverInbound', 'applyEvent', 'deliverOutbound')),
        lane TEXT NOT NULL,
        message_id TEXT REFERENCES messages (id),
        payload TEXT,
        not_before INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        enqueued_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        last_failure_code TEXT,
        last_failure_message TEXT,
        is_head INTEGER NOT NULL CHECK (is_head IN (0, 1)),
        ready_at INTEGER GENERATED ALWAYS AS
          (max(coalesce(not_before, enqueued_at), coalesce(lease_until, 0))) VIRTUAL
      );
      CREATE INDEX jobs_by_lane ON jobs (lane, id);
      CREATE INDEX jobs_ready_heads ON jobs (ready_at, id) WHERE is_head = 1;
      CREATE INDEX jobs_by_kind ON jobs (kind, enqueued_at);

      -- Jobs that failed for good, under the id they had.
      CREATE TABLE dead_letters (
        job_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        lane TEXT NOT NULL,
        message_id TEXT REFERENCES messages (id),
        payload TEXT,
        not_before INTEGER,
        attempts INTEGER NOT NULL,
        enqueued_at INTEGER NOT NULL,
        failure_code TEXT NOT NULL,
        failure_message TEXT NOT NULL,
        failed_at INTEGER NOT NULL
      );
      CREATE INDEX dead_letters_by_time ON dead_letters (failed_at, job_id);

      -- Sessions; status repeats state's status so that open sessions can be indexed.
      CREATE TABLE sessions (
        session_id TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        service_code TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('NEW', 'QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED')),
        state TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_open_by_conversation ON sessions (channel, conversation_id, opened_at)
        WHERE status <> 'CLOSED';

      -- TVox event sequences already recorded.
      CREATE TABLE recorded_events (
        sequence INTEGER PRIMARY KEY,
        recorded_at INTEGER NOT NULL
      );

      CREATE TABLE cursors (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'jobs ordered within their lane; open sessions by status',
    sql: `
      -- A lane runs by lane_order, then id: events pushed out of sequence still apply in
      -- sequence. NULL (jobs without an order) sorts first, so enqueue order rules those lanes.
      ALTER TABLE jobs ADD COLUMN lane_order INTEGER;
      ALTER TABLE dead_letters ADD COLUMN lane_order INTEGER;
      DROP INDEX jobs_by_lane;
      CREATE INDEX jobs_by_lane ON jobs (lane, lane_order, id);
      CREATE INDEX jobs_lane_heads ON jobs (lane) WHERE is_head = 1;
      -- Open sessions counted by status for the metrics.
      CREATE INDEX sessions_open_by_status ON sessions (status) WHERE status <> 'CLOSED';
    `,
  },
  {
    version: 3,
    name: 'sessions keyed by the connector; unreadable events set aside once',
    sql: `
      -- Sessions are keyed by the connector's own key: TVox may give a session id again after a
      -- restart, so its id is an attribute. Sessions stored before keep their id as both.
      ALTER TABLE sessions RENAME COLUMN session_id TO session_key;
      ALTER TABLE sessions ADD COLUMN tvox_session_id TEXT;
      ALTER TABLE sessions ADD COLUMN opened_after_sequence INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sessions ADD COLUMN tvox_id_at INTEGER;
      ALTER TABLE sessions ADD COLUMN unanswered_call_at INTEGER;
      ALTER TABLE sessions ADD COLUMN status_sequence INTEGER NOT NULL DEFAULT 0;
      UPDATE sessions SET tvox_session_id = session_key, tvox_id_at = opened_at,
        status_sequence = coalesce(json_extract(state, '$.statusSequence'), 0);
      -- A conversation has at most one session not CLOSED: of any more that an older release
      -- left, the newest stays open.
      UPDATE sessions
      SET status = 'CLOSED',
        state = json_set(state, '$.status', 'CLOSED', '$.closeReason', 'superseded by a newer session')
      WHERE status <> 'CLOSED' AND EXISTS (
        SELECT 1 FROM sessions AS newer
        WHERE newer.channel = sessions.channel AND newer.conversation_id = sessions.conversation_id
          AND newer.status <> 'CLOSED'
          AND (newer.opened_at, newer.session_key) > (sessions.opened_at, sessions.session_key));
      DROP INDEX sessions_open_by_conversation;
      CREATE UNIQUE INDEX sessions_one_open_per_conversation ON sessions (channel, conversation_id)
        WHERE status <> 'CLOSED';
      CREATE INDEX sessions_by_tvox_id ON sessions (tvox_session_id)
        WHERE tvox_session_id IS NOT NULL;
      CREATE INDEX sessions_opening ON sessions (opened_at)
        WHERE tvox_session_id IS NULL AND status <> 'CLOSED';
      -- The ledger names a message's session by its key.
      ALTER TABLE messages RENAME COLUMN session_id TO session_key;
      -- Unreadable TVox events are dead letters of their own, each kept once.
      ALTER TABLE dead_letters ADD COLUMN event_key TEXT;
      CREATE UNIQUE INDEX dead_letters_by_event_key ON dead_letters (event_key)
        WHERE event_key IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: 'claims fenced by number, interrupted claims, failing since',
    sql: `
      -- Each claim of a job is numbered: an outcome is taken only from the latest claim. A claim
      -- that finds the previous one's lease owner still set marks the job interrupted.
      ALTER TABLE jobs ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE jobs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0
        CHECK (interrupted IN (0, 1));
      -- When the job first failed: the age limit runs from it.
      ALTER TABLE jobs ADD COLUMN failing_since INTEGER;
      UPDATE jobs SET claims = 1 WHERE lease_owner IS NOT NULL;
      UPDATE jobs SET failing_since = enqueued_at WHERE attempts > 0;
    `,
  },
  {
    version: 5,
    name: 'recorded events keyed by sequence and event; retention of events and payloads',
    sql: `
      -- TVox may start its event stream again (its state reset) and give sequences again: an
      -- event is told apart by its key too. Sequences recorded before keep the key '', which
      -- matches any event, as the dedupe on sequence alone did.
      CREATE TABLE recorded_events_keyed (
        sequence INTEGER NOT NULL,
        event_key TEXT NOT NULL DEFAULT '',
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (sequence, event_key)
      );
      INSERT INTO recorded_events_keyed (sequence, event_key, recorded_at)
        SELECT sequence, '', recorded_at FROM recorded_events;
      DROP TABLE recorded_events;
      ALTER TABLE recorded_events_keyed RENAME TO recorded_events;
      -- The retention sweep deletes the oldest, and a session opening reads the latest.
      CREATE INDEX recorded_events_by_time ON recorded_events (recorded_at, sequence);
      -- The payload retention clears the payloads of messages done with, oldest first.
      CREATE INDEX messages_payload_expiry ON messages (updated_at) WHERE payload IS NOT NULL;
    `,
  },
];
