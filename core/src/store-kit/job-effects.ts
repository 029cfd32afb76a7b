import type { JobEffects } from '../interfaces/store.js';
import { acceptEntries } from './accept-entries.js';
import { step, type Procedure } from './procedure.js';
import type { StoreTables } from './store-tables.js';

/**
 * Applies what a finished job changes: new messages first (so that updates may name them), then
 * message updates, then sessions.
 */
export function* applyJobEffects(
  tables: StoreTables,
  effects: JobEffects | undefined,
  now: number,
): Procedure<void> {
  if (effects === undefined) return;
  yield* acceptEntries(tables, effects.accept ?? [], now);
  for (const update of effects.messages ?? []) yield* step(tables.ledger.update(update, now));
  for (const session of effects.sessions ?? []) yield* step(tables.sessions.put(session));
}
