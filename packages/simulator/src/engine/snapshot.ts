import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandOutput, OpenSessionOutput } from '@tvox-connector/core';
import type { StartSessionResult } from '../mcc/mcc-wire.js';
import type {
  AgentRecord,
  ConnectorRecord,
  IdempotentAnswer,
  SessionRecord,
  ServiceRecord,
} from './records.js';
import type { SimulatorState } from './simulator-state.js';

/** Format version of the snapshot file; a file of another version is refused, not misread. */
const SNAPSHOT_VERSION = 1;

interface Snapshot {
  readonly version: number;
  readonly services: ServiceRecord[];
  readonly agents: AgentRecord[];
  readonly connectors: ConnectorRecord[];
  readonly sessions: SessionRecord[];
  readonly openAnswers: [string, IdempotentAnswer<OpenSessionOutput>][];
  readonly sendAnswers: [string, IdempotentAnswer<CommandOutput>][];
  /** Absent in snapshots written before the mcc-1.0 profile existed. */
  readonly startAnswers?: [string, IdempotentAnswer<StartSessionResult>][];
  readonly addressBook?: [string, string][];
}

/** Writes the whole state to `file` atomically (a temporary file renamed over the old one). */
export function saveSnapshot(state: SimulatorState, file: string): void {
  const snapshot: Snapshot = {
    version: SNAPSHOT_VERSION,
    services: [...state.services.values()],
    agents: [...state.agents.values()],
    connectors: [...state.connectors.values()],
    sessions: [...state.sessions.values()],
    openAnswers: [...state.openAnswers],
    sendAnswers: [...state.sendAnswers],
    startAnswers: [...state.startAnswers],
    addressBook: [...state.addressBook],
  };
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot));
  renameSync(temporary, file);
}

/**
 * Restores the state saved in `file`, if it exists: sessions, event streams, idempotency answers,
 * the address book and agents' presence. Offer time-outs of BOOKED sessions, and the queueing of
 * NEW ones, are re-armed for the time they had left.
 * Returns whether a snapshot was loaded.
 */
export function loadSnapshot(state: SimulatorState, file: string): boolean {
  if (!existsSync(file)) return false;
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  if (snapshot.version !== SNAPSHOT_VERSION) {
    throw new Error(
      `snapshot ${file} has format version ${snapshot.version}; this simulator reads ${SNAPSHOT_VERSION}`,
    );
  }
  for (const service of snapshot.services) state.services.set(service.code, service);
  for (const agent of snapshot.agents) state.agents.set(agent.code, agent);
  for (const connector of snapshot.connectors) state.connectors.set(connector.code, connector);
  for (const session of snapshot.sessions) state.sessions.set(session.sessionId, session);
  for (const [key, answer] of snapshot.openAnswers) state.openAnswers.set(key, answer);
  for (const [key, answer] of snapshot.sendAnswers) state.sendAnswers.set(key, answer);
  for (const [key, answer] of snapshot.startAnswers ?? []) state.startAnswers.set(key, answer);
  for (const [value, id] of snapshot.addressBook ?? []) state.addressBook.set(value, id);
  state.reindex();
  for (const session of state.sessions.values()) state.armTimer(session);
  return true;
}
