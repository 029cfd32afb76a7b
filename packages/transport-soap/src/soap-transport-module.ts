import {
  Clock,
  Logger,
  Metrics,
  Transport,
  type TransportConfig,
  type TransportDeps,
} from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { SoapTransport } from './soap-transport.js';

/**
 * DI token for the configuration the SOAP transport reads (`connectorCode`, `tvox`, `events`); the
 * type of the same name is what it is bound to.
 */
export const SoapTransportConfig = Symbol.for('@tvox-connector/transport-soap.SoapTransportConfig');

/** What {@link SoapTransportConfig} is bound to: core's `TransportConfig`. */
export type SoapTransportConfig = TransportConfig;

/**
 * Binds core's `Transport` to a singleton {@link SoapTransport}, built from the
 * `SoapTransportConfig` binding and core's `Clock`, `Logger` and `Metrics` (load core's
 * `coreModule` first, and bind `SoapTransportConfig` to your configuration).
 */
export const soapTransportModule = new ContainerModule(({ bind }) => {
  bind<Transport>(Transport)
    .toDynamicValue(
      (context) =>
        new SoapTransport(context.get<SoapTransportConfig>(SoapTransportConfig), {
          clock: context.get<Clock>(Clock),
          logger: context.get<Logger>(Logger),
          metrics: context.get<Metrics>(Metrics),
        }),
    )
    .inSingletonScope();
});

/**
 * The plain factory: a SOAP transport for `config`, with an optional clock, logger and metrics
 * (defaults: system clock, silent logger, no metrics). Call `start()` before the first command.
 */
export function createSoapTransport(
  config: TransportConfig,
  deps: TransportDeps = {},
): SoapTransport {
  return new SoapTransport(config, deps);
}
