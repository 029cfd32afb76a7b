import type { Migration } from '@tvox-connector/core';

/**
 * Every schema change, in order: the only place the schema is defined. A released migration is
 * never edited; a change is a new entry at the end. Statements run with the store's schema first
 * on the search path, so table names are not qualified. Times are epoch milliseconds from the
 * store's clock (never the server's `now()`), ids and sequences `bigint`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger, outbox with lane heads, dead letters, sessions, event dedupe, cursors, leases',
    sql: `
      -- The ledger: every message in either direction; position orders rows inserted at the same
      -- accepted_at, newest first.
      CREATE TABLE messages (
        id text PRIMARY KEY,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        channel text NOT NULL,
        conversation_id text NOT NULL,
        session_id text,
        network_message_ids text NOT NULL,
        state text NOT NULL CHECK (state IN ('accepted', 'sent', 'delivered', 'read', 'failed')),
        failure_code text,
        failure_message text,
        payload text,
        accepted_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        position bigint GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX messages_by_conversation
        ON messages (channel, conversation_id, accepted_at DESC, position DESC);
      CREATE INDEX messages_by_session ON messages (session_id, accepted_at DESC, position DESC)
        WHERE session_id IS NOT NULL;
      CREATE INDEX messages_by_state ON messages (state, accepted_at DESC, position DESC);
      CREATE INDEX messages_by_time ON messages (accepted_at DESC, position DESC);

      -- Receipts name messages by the network's ids: one row per id.
      CREATE TABLE message_network_ids (
        channel text NOT NULL,
        conversation_id text NOT NULL,
        network_message_id text NOT NULL,
        message_id text NOT NULL REFERENCES messages (id),
        PRIMARY KEY (channel, conversation_id, network_message_id, message_id)
      );
      CREATE INDEX message_network_ids_by_message ON message_network_ids (message_id);

      -- The outbox. A lane's first job by (lane_order, id) is its head (is_head, at most one per
      -- lane: a unique index says so); only heads are claimed, so a lane runs one job at a time,
      -- in order. ready_at is when a head may be claimed: enqueued, past its back-off, past its
      -- lease. Changes to a lane's jobs hold a transaction-scoped advisory lock on the lane.
      CREATE TABLE jobs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('deliverInbound', 'applyEvent', 'deliverOutbound')),
        lane text NOT NULL,
        lane_order bigint,
        message_id text REFERENCES messages (id),
        payload text,
        not_before bigint,
        attempts integer NOT NULL DEFAULT 0,
        enqueued_at bigint NOT NULL,
        lease_owner text,
        lease_until bigint,
        last_failure_code text,
        last_failure_message text,
        is_head boolean NOT NULL,
        ready_at bigint GENERATED ALWAYS AS
          (greatest(coalesce(not_before, enqueued_at), coalesce(lease_until, 0))) STORED
      );
      CREATE INDEX jobs_by_lane ON jobs (lane, lane_order NULLS FIRST, id);
      CREATE UNIQUE INDEX jobs_one_head_per_lane ON jobs (lane) WHERE is_head;
      CREATE INDEX jobs_ready_heads ON jobs (ready_at, id) WHERE is_head;
      CREATE INDEX jobs_by_kind ON jobs (kind, enqueued_at);

      -- Jobs that failed for good, under the id they had.
      CREATE TABLE dead_letters (
        job_id bigint PRIMARY KEY,
        kind text NOT NULL,
        lane text NOT NULL,
        lane_order bigint,
        message_id text REFERENCES messages (id),
        payload text,
        not_before bigint,
        attempts integer NOT NULL,
        enqueued_at bigint NOT NULL,
        failure_code text NOT NULL,
        failure_message text NOT NULL,
        failed_at bigint NOT NULL
      );
      CREATE INDEX dead_letters_by_time ON dead_letters (failed_at, job_id);

      -- Sessions; status repeats state's status so that open sessions can be indexed.
      CREATE TABLE sessions (
        session_id text PRIMARY KEY,
        channel text NOT NULL,
        conversation_id text NOT NULL,
        service_code text NOT NULL,
        status text NOT NULL CHECK (status IN ('NEW', 'QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED')),
        state text NOT NULL,
        opened_at bigint NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE INDEX sessions_open_by_conversation
        ON sessions (channel, conversation_id, opened_at DESC) WHERE status <> 'CLOSED';
      CREATE INDEX sessions_open_by_status ON sessions (status) WHERE status <> 'CLOSED';

      -- TVox event sequences already recorded.
      CREATE TABLE recorded_events (
        sequence bigint PRIMARY KEY,
        recorded_at bigint NOT NULL
      );

      CREATE TABLE cursors (
        name text PRIMARY KEY,
        value text NOT NULL,
        updated_at bigint NOT NULL
      );

      -- Named leases of tasks one instance runs at a time (polling TVox's events).
      CREATE TABLE leader_leases (
        name text PRIMARY KEY,
        owner text NOT NULL,
        lease_until bigint NOT NULL,
        acquired_at bigint NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'sessions keyed by the connector; unreadable events set aside once',
    sql: `
      -- Sessions are keyed by the connector's own key: TVox may give a session id again after a
      -- restart, so its id is an attribute. Sessions stored before keep their id as both.
      ALTER TABLE sessions RENAME COLUMN session_id TO session_key;
      ALTER TABLE sessions ADD COLUMN tvox_session_id text;
      ALTER TABLE sessions ADD COLUMN opened_after_sequence bigint NOT NULL DEFAULT 0;
      ALTER TABLE sessions ADD COLUMN tvox_id_at bigint;
      ALTER TABLE sessions ADD COLUMN unanswered_call_at bigint;
      ALTER TABLE sessions ADD COLUMN status_sequence bigint NOT NULL DEFAULT 0;
      UPDATE sessions SET tvox_session_id = session_key, tvox_id_at = opened_at,
        status_sequence = coalesce((state::jsonb ->> 'statusSequence')::bigint, 0);
      -- A conversation has at most one session not CLOSED: of any more that an older release
      -- left, the newest stays open.
      UPDATE sessions
      SET status = 'CLOSED',
        state = (state::jsonb
          || '{"status": "CLOSED", "closeReason": "superseded by a newer session"}')::text
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
      ALTER TABLE dead_letters ADD COLUMN event_key text;
      CREATE UNIQUE INDEX dead_letters_by_event_key ON dead_letters (event_key)
        WHERE event_key IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'claims fenced by number, interrupted claims, failing since',
    sql: `
      -- Each claim of a job is numbered: an outcome is taken only from the latest claim. A claim
      -- that finds the previous one's lease owner still set marks the job interrupted.
      ALTER TABLE jobs ADD COLUMN claims integer NOT NULL DEFAULT 0;
      ALTER TABLE jobs ADD COLUMN interrupted boolean NOT NULL DEFAULT false;
      -- When the job first failed: the age limit runs from it.
      ALTER TABLE jobs ADD COLUMN failing_since bigint;
      UPDATE jobs SET claims = 1 WHERE lease_owner IS NOT NULL;
      UPDATE jobs SET failing_since = enqueued_at WHERE attempts > 0;
    `,
  },
  {
    version: 4,
    name: 'recorded events keyed by sequence and event; retention of events and payloads',
    sql: `
      -- TVox may start its event stream again (its state reset) and give sequences again: an
      -- event is told apart by its key too. Sequences recorded before keep the key '', which
      -- matches any event, as the dedupe on sequence alone did.
      ALTER TABLE recorded_events ADD COLUMN event_key text NOT NULL DEFAULT '';
      ALTER TABLE recorded_events DROP CONSTRAINT recorded_events_pkey;
      ALTER TABLE recorded_events ADD PRIMARY KEY (sequence, event_key);
      -- The retention sweep deletes the oldest, and a session opening reads the latest.
      CREATE INDEX recorded_events_by_time ON recorded_events (recorded_at, sequence);
      -- The payload retention clears the payloads of messages done with, oldest first.
      CREATE INDEX messages_payload_expiry ON messages (updated_at) WHERE payload IS NOT NULL;
    `,
  },
];
