import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoticesConfig, Relay, RelayConfig, type Logger, type Store } from '@tvox-connector/core';
import { createSqliteStore } from '@tvox-connector/store-sqlite';
import { eventually } from '@tvox-connector/testkit';
import { FakeChannel } from './fake-channel';
import { FakeTvox, type FakeSession } from './fake-tvox';

/** What a test may put around the relay of {@link startRelay}. */
export interface RelaySurroundings {
  readonly logger?: Logger;
  /** Stands in for the store, around it (a store that fails on cue). */
  readonly store?: (store: Store) => Store;
  /** Relay settings over the quick ones. */
  readonly relay?: Partial<RelayConfig>;
}

/**
 * A relay on a SQLite file in `folder` between the fake TVox and the fake network; `relay`
 * settings override the quick retries it has by default.
 */
export async function startRelay(
  tvox: FakeTvox,
  channel: FakeChannel,
  folder: string,
  relay: Partial<RelayConfig> = {},
  around: RelaySurroundings = {},
): Promise<{ relay: Relay; store: Store }> {
  const sqlite = createSqliteStore({ path: join(folder, 'db.sqlite') });
  const store = around.store?.(sqlite) ?? sqlite;
  const running = new Relay(
    {
      channels: [
        { id: 'fake', adapter: 'fake', serviceCode: 'SUPPORT', entryPoints: {}, settings: {} },
      ],
      relay: RelayConfig.parse({
        initialDelayMs: 1,
        maxDelayMs: 5,
        maxAttempts: 10_000,
        workers: 3,
        leaseMs: 60_000,
        eventReorderWindowMs: 50,
        ...relay,
      }),
      notices: NoticesConfig.parse({ templates: { en: { queued: '' } } }),
      idleMs: 2,
    },
    {
      store,
      transport: tvox.transport(),
      adapters: [channel],
      ...(around.logger ? { logger: around.logger } : {}),
    },
  );
  await running.start();
  return { relay: running, store };
}

/** What {@link withChatInSession} hands its body. */
export interface ChatInSession {
  readonly relay: Relay;
  readonly tvox: FakeTvox;
  readonly channel: FakeChannel;
  /** TVox's session of chat `a`, opened by the customer's first message. */
  readonly session: FakeSession;
}

/**
 * Runs `body` with a relay in a new folder between a new fake TVox and network, once chat `a`
 * has written and TVox opened its session; stops the relay and removes the folder after it.
 */
export async function withChatInSession(
  body: (setup: ChatInSession) => Promise<void>,
  around: RelaySurroundings = {},
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'tvox-fake-'));
  const tvox = new FakeTvox();
  const channel = new FakeChannel('fake');
  const { relay } = await startRelay(tvox, channel, folder, around.relay ?? {}, around);
  try {
    await relay.accept([channel.message({ id: '1', chat: 'a', from: 'a', text: 'hi' })]);
    await eventually(() => tvox.liveSessionOf('a') !== undefined);
    const session = tvox.liveSessionOf('a');
    if (session === undefined) throw new Error('TVox opened a session for a');
    await body({ relay, tvox, channel, session });
  } finally {
    await relay.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
