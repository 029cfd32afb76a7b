import { createSqliteStore } from '@tvox-connector/store-sqlite';
import { storeConformance } from '@tvox-connector/testkit';
import { removeTempDatabase, tempDatabasePath } from './temp-database';

storeConformance({
  name: 'SQLite (file)',
  createDatabase: async () => tempDatabasePath(),
  open: (path, clock) => createSqliteStore({ path }, { clock }),
  dropDatabase: async (path) => removeTempDatabase(path),
  durable: true,
});

storeConformance({
  name: 'SQLite (in memory)',
  createDatabase: async () => ':memory:',
  open: (path, clock) => createSqliteStore({ path }, { clock }),
  durable: false,
});
