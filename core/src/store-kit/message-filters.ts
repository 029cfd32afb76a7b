import type { MessageQuery } from '../interfaces/store.js';

/** The `WHERE` clause of a ledger query (empty without filters) and the values it binds. */
export interface MessageFilters {
  readonly where: string;
  readonly values: readonly string[];
}

/**
 * The filters of `query` on `messages`, every one given to match, with parameters written by
 * `param` from 1 in the order of `values`; the store orders, limits (its next parameter) and runs
 * the query.
 */
export function messageFilters(
  query: MessageQuery,
  param: (position: number) => string,
): MessageFilters {
  const conditions: string[] = [];
  const values: string[] = [];
  const match = (column: string, value: string): void => {
    values.push(value);
    conditions.push(`${column} = ${param(values.length)}`);
  };
  if (query.conversation !== undefined) {
    match('channel', query.conversation.channel);
    match('conversation_id', query.conversation.id);
  }
  if (query.sessionKey !== undefined) match('session_key', query.sessionKey);
  if (query.direction !== undefined) match('direction', query.direction);
  if (query.state !== undefined) match('state', query.state);
  return { where: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, values };
}
