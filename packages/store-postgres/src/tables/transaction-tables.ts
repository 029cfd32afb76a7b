import type { StoreTables } from '@tvox-connector/core';
import type { Transaction } from '../database/transaction.js';
import type { Tables } from './tables.js';

/**
 * The tables as the store kit's procedures use them, on one transaction. Every job enqueued holds
 * its lane's advisory lock first (taken at the start for the lanes an operation names; a lane
 * known only from what the transaction read, a dead letter's, is locked then) and wakes idle
 * instances once the transaction committed.
 */
export function transactionTables(
  tables: Tables,
  tx: Transaction,
  laneKey: (lane: string) => string,
): StoreTables {
  const { ledger, outbox, deadLetters, sessions, events } = tables;
  return {
    ledger: {
      insert: (message, now) => ledger.insert(tx, message, now),
      update: (update, now) => ledger.update(tx, update, now),
    },
    outbox: {
      enqueue: async (job, now) => {
        await tx.lock([laneKey(job.lane)]);
        await outbox.enqueue(tx, job, now);
        tx.wake();
      },
      take: (job) => outbox.take(tx, job),
      retry: (job, notBefore, failure, now, counted) =>
        outbox.retry(tx, job, notBefore, failure, now, counted),
    },
    deadLetters: {
      add: (row, failure, now) => deadLetters.add(tx, row, failure, now),
      setAside: (letter, now) => deadLetters.setAside(tx, letter, now),
      take: (jobId) => deadLetters.take(tx, jobId),
    },
    sessions: {
      put: (record) => sessions.put(tx, record),
      insertOpening: (opening) => sessions.insertOpening(tx, opening),
      recordAnswer: (sessionKey, tvoxSessionId, at) =>
        sessions.recordAnswer(tx, sessionKey, tvoxSessionId, at),
      get: (sessionKey) => sessions.get(tx, sessionKey),
      findOpen: (conversation) => sessions.findOpen(tx, conversation),
      forgetStreamPosition: (fromSequence) => sessions.forgetStreamPosition(tx, fromSequence),
    },
    events: {
      keysOf: (sequences) => events.keysOf(tx, sequences),
      record: (entries, now) => events.record(tx, entries, now),
      prune: (before, limit) => events.prune(tx, before, limit),
    },
  };
}
