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
  type SessionTable,
} from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { marker, numbered, type Numbered } from '../database/numbered.js';

/** Sessions the connector opened, with the lifecycle's view of each. */
export class Sessions implements SessionTable {
  private readonly upsertSession;
  private readonly insertOpeningSession;
  private readonly selectByKey;
  private readonly selectOpen;
  private readonly selectNamed;
  private readonly selectUnanswered;
  private readonly updateOpenCall;
  private readonly clearCall;
  private readonly updateAnswer;
  private readonly countOpen;
  private readonly updateStreamPosition;
  private readonly selectOpenAnswered;

  constructor(db: Database.Database) {
    const sql = sessionStatements(marker);
    this.upsertSession = db.prepare<[Numbered]>(sql.upsert);
    this.insertOpeningSession = db.prepare<[Numbered]>(sql.insertOpening);
    this.selectByKey = db.prepare<[Numbered], SessionRow>(sql.byKey);
    this.selectOpen = db.prepare<[Numbered], SessionRow>(sql.openOfConversation);
    this.selectNamed = db.prepare<[Numbered], SessionRow>(sql.named);
    this.selectUnanswered = db.prepare<[], SessionRow>(sql.unanswered);
    this.updateOpenCall = db.prepare<[Numbered]>(sql.markOpenCall);
    this.clearCall = db.prepare<[Numbered]>(sql.clearOpenCall);
    this.updateAnswer = db.prepare<[Numbered]>(sql.recordAnswer);
    this.countOpen = db.prepare<[], SessionCount>(sql.countOpenByStatus);
    this.updateStreamPosition = db.prepare<[Numbered]>(sql.forgetStreamPosition);
    this.selectOpenAnswered = db.prepare<[Numbered], SessionRow>(sql.openAnswered);
  }

  /** Inserts `record`, or updates the session of its key (see `SessionStatements.upsert`). */
  put(record: SessionRecord): void {
    this.upsertSession.run(numbered(sessionValues(record)));
  }

  /** Inserts `opening` unless its key is taken or its conversation has a session not CLOSED. */
  insertOpening(opening: OpeningSession): void {
    this.insertOpeningSession.run(numbered(openingValues(opening)));
  }

  /** TVox started its stream again: see `SessionStatements.forgetStreamPosition`. */
  forgetStreamPosition(fromSequence: number): void {
    this.updateStreamPosition.run(numbered([fromSequence]));
  }

  /** Notes the start of an `openSession` call for a session still opening. */
  markOpenCall(sessionKey: string, at: number): void {
    this.updateOpenCall.run(numbered([at, sessionKey]));
  }

  /** Notes that TVox refused a session's call. */
  clearOpenCall(sessionKey: string): void {
    this.clearCall.run(numbered([sessionKey]));
  }

  /** Stores TVox's id for a session, given at `at` (see `SessionStatements.recordAnswer`). */
  recordAnswer(sessionKey: string, tvoxSessionId: string, at: number): void {
    this.updateAnswer.run(numbered([tvoxSessionId, at, sessionKey]));
  }

  get(sessionKey: string): SessionRecord | undefined {
    const row = this.selectByKey.get(numbered([sessionKey]));
    return row === undefined ? undefined : toSessionRecord(row);
  }

  /** The session of `conversation` that is not CLOSED (there is at most one). */
  findOpen(conversation: ConversationKey): SessionRecord | undefined {
    const row = this.selectOpen.get(numbered([conversation.channel, conversation.id]));
    return row === undefined ? undefined : toSessionRecord(row);
  }

  /** The sessions an event naming `sessionId` may be about. */
  forEvent(sessionId: string): EventSessions {
    return {
      named: this.selectNamed.all(numbered([sessionId])).map(toSessionRecord),
      unanswered: this.selectUnanswered.all().map(toSessionRecord),
    };
  }

  /** Sessions not CLOSED, by status. */
  countByStatus(): SessionCount[] {
    return this.countOpen.all();
  }

  /** See `Store.listOpenSessions`. */
  listOpen(after: string | undefined, limit: number): SessionRecord[] {
    return this.selectOpenAnswered.all(numbered([after ?? '', limit])).map(toSessionRecord);
  }
}
