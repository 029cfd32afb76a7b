import { createPostgresStore } from '@tvox-connector/store-postgres';
import { storeConformance } from '@tvox-connector/testkit';
import { DATABASE_URL, dropSchema, tempSchema } from './test-database';

storeConformance({
  name: 'PostgreSQL',
  createDatabase: async () => tempSchema(),
  open: (schema, clock) => createPostgresStore({ url: DATABASE_URL, schema }, { clock }),
  dropDatabase: dropSchema,
  durable: true,
});
