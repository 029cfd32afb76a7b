import pg from 'pg';
import type { QueryResult, QueryResultRow } from 'pg';
import type { ResolvedPostgresStoreConfig } from '../postgres-store-config.js';

/** What runs a statement: the pool, or a client inside a transaction. */
export interface Sql {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<QueryResult<R>>;
}

/**
 * Every `bigint` column holds epoch milliseconds, row ids or event sequences, all far below 2^53:
 * they are read as numbers (pg reads them as strings by default). Set per connection, not on pg's
 * global parsers, so that other users of pg in the process are not affected.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: (id, format) =>
    id === pg.types.builtins.INT8 && format !== 'binary'
      ? Number
      : // pg-types declares its parsers as returning `any`.
        (pg.types.getTypeParser(id, format) as unknown),
};

/** The connection settings every connection of the store uses: its schema first on the path. */
export function connectionConfig(config: ResolvedPostgresStoreConfig): pg.ClientConfig {
  return {
    connectionString: config.url,
    connectionTimeoutMillis: config.connectionTimeoutMs,
    application_name: 'tvox-connector',
    // The schema is a checked identifier (lower-case letters, digits, underscores).
    options: `-c search_path=${config.schema}`,
    types,
  };
}

/** The pool of connections the store's operations run on. */
export function createPool(config: ResolvedPostgresStoreConfig): pg.Pool {
  return new pg.Pool({
    ...connectionConfig(config),
    max: config.pool.max,
    idleTimeoutMillis: config.pool.idleTimeoutMs,
  });
}

/** The connection string without its password, for logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'postgres://(unreadable connection string)';
  }
}
