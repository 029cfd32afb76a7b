import {
  NoticesConfig,
  RelayConfig,
  Relay,
  type ChannelAdapter,
  type ChannelConfig,
  type Transport,
} from '@tvox-connector/core';
import { createSqliteStore } from '@tvox-connector/store-sqlite';

/**
 * The relay the end-to-end harnesses run: one channel and its adapter, a SQLite file at
 * `storePath`, and retries quick enough for tests.
 */
export function quickRelay(
  channel: ChannelConfig,
  adapter: ChannelAdapter,
  transport: Transport,
  storePath: string,
): Relay {
  return new Relay(
    {
      channels: [channel],
      relay: RelayConfig.parse({ initialDelayMs: 20, maxDelayMs: 200, workers: 2, leaseMs: 5_000 }),
      notices: NoticesConfig.parse({}),
      idleMs: 20,
    },
    { store: createSqliteStore({ path: storePath }), transport, adapters: [adapter] },
  );
}
