import {
  openingValues,
  sessionStatements,
  sessionValues,
  toSessionRecord,
  type ConversationKey,
  type EventSessions,
  type OpeningSession,
  type SessionCount,
  type SessionRecord,
  type SessionRow,
} from '@tvox-connector/core';
import type { Sql } from '../database/pool.js';

const SQL = sessionStatements((position) => `$${position}`);

/** Sessions the connector opened, with the lifecycle's view of each. */
export class Sessions {
  /** Inserts `record`, or updates the session of its key (see `SessionStatements.upsert`). */
  async put(sql: Sql, record: SessionRecord): Promise<void> {
    await sql.query(SQL.upsert, sessionValues(record));
  }

  /**
   * Inserts `opening` unless its key is taken or its conversation has a session not CLOSED
   * (either uniqueness makes the insert a no-op, and an instance inserting the same at once waits
   * for this one).
   */
  async insertOpening(sql: Sql, opening: OpeningSession): Promise<void> {
    await sql.query(SQL.insertOpening, openingValues(opening));
  }

  /** TVox started its stream again: see `SessionStatements.forgetStreamPosition`. */
  async forgetStreamPosition(sql: Sql, fromSequence: number): Promise<void> {
    await sql.query(SQL.forgetStreamPosition, [fromSequence]);
  }

  /** Notes the start of an `openSession` call for a session still opening. */
  async markOpenCall(sql: Sql, sessionKey: string, at: number): Promise<void> {
    await sql.query(SQL.markOpenCall, [at, sessionKey]);
  }

  /** Notes that TVox refused a session's call. */
  async clearOpenCall(sql: Sql, sessionKey: string): Promise<void> {
    await sql.query(SQL.clearOpenCall, [sessionKey]);
  }

  /** Stores TVox's id for a session, given at `at` (see `SessionStatements.recordAnswer`). */
  async recordAnswer(
    sql: Sql,
    sessionKey: string,
    tvoxSessionId: string,
    at: number,
  ): Promise<void> {
    await sql.query(SQL.recordAnswer, [tvoxSessionId, at, sessionKey]);
  }

  async get(sql: Sql, sessionKey: string): Promise<SessionRecord | undefined> {
    return (await this.all(sql, SQL.byKey, [sessionKey]))[0];
  }

  /** The session of `conversation` that is not CLOSED (there is at most one). */
  async findOpen(sql: Sql, conversation: ConversationKey): Promise<SessionRecord | undefined> {
    return (
      await this.all(sql, SQL.openOfConversation, [conversation.channel, conversation.id])
    )[0];
  }

  /**
   * The sessions an event naming `sessionId` may be about. The unanswered ones are read first: a
   * session answered in between is then among them and among the named, never among neither.
   */
  async forEvent(sql: Sql, sessionId: string): Promise<EventSessions> {
    const unanswered = await this.all(sql, SQL.unanswered, []);
    const named = await this.all(sql, SQL.named, [sessionId]);
    return { named, unanswered };
  }

  /** See `Store.listOpenSessions`. */
  async listOpen(sql: Sql, after: string | undefined, limit: number): Promise<SessionRecord[]> {
    return this.all(sql, SQL.openAnswered, [after ?? '', limit]);
  }

  /** Sessions not CLOSED, by status. */
  async countByStatus(sql: Sql): Promise<SessionCount[]> {
    const { rows } = await sql.query<SessionCount>(SQL.countOpenByStatus);
    return rows;
  }

  private async all(sql: Sql, text: string, values: readonly unknown[]): Promise<SessionRecord[]> {
    const { rows } = await sql.query<SessionRow>(text, values);
    return rows.map(toSessionRecord);
  }
}
