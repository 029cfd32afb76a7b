import type { Clock, ConnectorConfig, Logger, Metrics, Transport } from '@tvox-connector/core';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createSoapTransport } from '@tvox-connector/transport-soap';

/** Path of the TVox push callback on the connector's server, when no `callbackUrl` is set. */
export const DEFAULT_CALLBACK_PATH = '/tvox/events';

/**
 * The transport the configuration names (`transport: soap | rest`). In push mode without an
 * explicit `events.callbackUrl`, TVox is told to call `{publicUrl}/tvox/events`.
 */
export function createTransport(
  config: ConnectorConfig,
  publicUrl: string,
  deps: { clock: Clock; logger: Logger; metrics: Metrics },
): Transport {
  const events =
    config.events.mode === 'push' && config.events.callbackUrl === undefined
      ? { ...config.events, callbackUrl: `${publicUrl}${DEFAULT_CALLBACK_PATH}` }
      : config.events;
  const transportConfig = { connectorCode: config.connectorCode, tvox: config.tvox, events };
  return config.transport === 'soap'
    ? createSoapTransport(transportConfig, deps)
    : createRestTransport(transportConfig, deps);
}
