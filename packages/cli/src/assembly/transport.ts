import type {
  Clock,
  ConnectorConfig,
  Logger,
  Metrics,
  Transport,
  TransportConfig,
} from '@tvox-connector/core';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createSoapTransport } from '@tvox-connector/transport-soap';

/**
 * The TVox push callback on the connector's server when no `callbackUrl` is set: REST pushes
 * come to `/tvox/events`, SOAP `notifyEvents` calls to `/tvox`.
 */
export const DEFAULT_CALLBACK_PATH = '/tvox';

/**
 * The settings of the transport the configuration names. In push mode without an explicit
 * `events.callbackUrl`, the callback is `{publicUrl}/tvox`.
 */
export function transportConfigOf(config: ConnectorConfig, publicUrl: string): TransportConfig {
  const events =
    config.events.mode === 'push' && config.events.callbackUrl === undefined
      ? { ...config.events, callbackUrl: `${publicUrl}${DEFAULT_CALLBACK_PATH}` }
      : config.events;
  return { connectorCode: config.connectorCode, tvox: config.tvox, events };
}

/** The plain factory: the transport the configuration names (`transport: soap | rest`). */
export function createTransport(
  config: ConnectorConfig,
  publicUrl: string,
  deps: { clock: Clock; logger: Logger; metrics: Metrics },
): Transport {
  const transportConfig = transportConfigOf(config, publicUrl);
  return config.transport === 'soap'
    ? createSoapTransport(transportConfig, deps)
    : createRestTransport(transportConfig, deps);
}
