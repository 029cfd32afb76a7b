/**
 * One step of a SQL store's schema, applied once, in `version` order, inside the migration
 * transaction.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
