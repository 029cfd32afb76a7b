import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/**
 * Writes `connector.yaml` in `folder` for the simulator at `tvoxUrl`: the REST transport, a SQLite
 * file in the folder, and `settings` over that (the channels, say). Resolves with its path.
 */
export function writeConfigFile(
  folder: string,
  tvoxUrl: string,
  password: string,
  settings: Record<string, unknown>,
): string {
  const file = join(folder, 'connector.yaml');
  writeFileSync(
    file,
    stringify({
      connectorCode: 'CONN',
      transport: 'rest',
      tvox: { url: tvoxUrl, auth: { kind: 'basic', password } },
      store: { kind: 'sqlite', path: join(folder, 'connector.db') },
      ...settings,
    }),
  );
  return file;
}
