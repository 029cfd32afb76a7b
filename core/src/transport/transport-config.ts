import type { ConnectorConfig } from '../config/connector-config.js';
import { ConfigError } from '../errors/input-errors.js';
import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';
import type { TvoxHealthRecorder } from './tvox-outage.js';

/**
 * The part of the connector configuration a transport reads (the mode is the relay's: a
 * transport binds the release whatever mode it runs in).
 */
export type TransportConfig = Pick<ConnectorConfig, 'connectorCode' | 'events'> & {
  readonly tvox: Omit<ConnectorConfig['tvox'], 'mode'>;
};

/** What a transport needs from its surroundings; each has a default when absent. */
export interface TransportDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

/** The path of the push callback URL, or a `ConfigError` when push mode has none. */
export function callbackPath(config: TransportConfig): string | undefined {
  if (config.events.mode !== 'push') return undefined;
  if (config.events.callbackUrl === undefined) {
    throw new ConfigError([
      { path: 'events.callbackUrl', message: 'push mode needs the URL TVox calls' },
    ]);
  }
  return new URL(config.events.callbackUrl).pathname.replace(/\/$/, '');
}

/**
 * Times one call to TVox into `tvox_transport_call_seconds`, labelled by outcome (`ok`, or the
 * error's code), records what it says of TVox's health, and passes its result or error through.
 */
export async function timeCall<T>(
  metrics: Metrics,
  clock: Clock,
  transport: string,
  command: string,
  health: TvoxHealthRecorder,
  call: () => Promise<T>,
): Promise<T> {
  const started = clock.now();
  let outcome = 'ok';
  try {
    const answer = await call();
    health.record(undefined);
    return answer;
  } catch (error) {
    outcome = (error as { code?: string }).code ?? 'error';
    health.record(error);
    throw error;
  } finally {
    metrics.observe('tvox_transport_call_seconds', (clock.now() - started) / 1000, {
      transport,
      command,
      outcome,
    });
  }
}
