import { Clock, Logger, Metrics, Transport, type TransportConfig } from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { RestTransport } from './rest-transport.js';

/**
 * DI token for the configuration the REST transport reads (`connectorCode`, `tvox`, `events`); the
 * type of the same name is what it is bound to.
 */
export const RestTransportConfig = Symbol.for('@tvox-connector/transport-rest.RestTransportConfig');

/** What {@link RestTransportConfig} is bound to: core's `TransportConfig`. */
export type RestTransportConfig = TransportConfig;

/**
 * Binds core's `Transport` to a singleton {@link RestTransport}, built from the
 * `RestTransportConfig` binding and core's `Clock`, `Logger` and `Metrics` (load core's
 * `coreModule` first, and bind `RestTransportConfig` to your config).
 */
export const restTransportModule = new ContainerModule(({ bind }) => {
  bind<Transport>(Transport)
    .toDynamicValue(
      (context) =>
        new RestTransport(context.get<RestTransportConfig>(RestTransportConfig), {
          clock: context.get<Clock>(Clock),
          logger: context.get<Logger>(Logger),
          metrics: context.get<Metrics>(Metrics),
        }),
    )
    .inSingletonScope();
});

/**
 * The plain factory: a REST transport for `config`, with optional clock, logger and metrics.
 * Call `start()` before the first command.
 */
export function createRestTransport(
  config: TransportConfig,
  deps: ConstructorParameters<typeof RestTransport>[1] = {},
): RestTransport {
  return new RestTransport(config, deps);
}
