/**
 * `@tvox-connector/cli`: the `tvox-connector` command, and what it assembles the connector from,
 * for programs that start a connector themselves.
 */
export { publicUrlOf } from './assembly/public-url.js';
export {
  startConnector,
  type ConnectorOptions,
  type RunningConnector,
} from './assembly/connector.js';
export {
  channelIssues,
  configureChannels,
  webhookUrlOf,
  type GivenAdapters,
} from './assembly/channels.js';
export {
  AdapterLoadError,
  adapterSpecifier,
  loadAdapterPackage,
} from './assembly/adapter-packages.js';
export {
  ConnectorChannels,
  ConnectorServer,
  connectorContainer,
  type AdapterChannel,
  type ContainerServices,
} from './assembly/connector-container.js';
export { createStore } from './assembly/store.js';
export { DEFAULT_CALLBACK_PATH, createTransport, transportConfigOf } from './assembly/transport.js';
export { loadConnectorConfig, type ConfigSource } from './config/load-config.js';
export {
  ENV_PREFIX,
  applyEnvironmentOverrides,
  interpolateEnvironment,
} from './config/environment.js';
export { createLogger, type LoggerOptions } from './observability/logger.js';
export { PrometheusMetrics } from './observability/prometheus-metrics.js';
export { REDACTED, redactSecrets } from './observability/redact.js';
export {
  createConnectorServer,
  type ChannelRoutes,
  type ConnectorServerOptions,
} from './server/connector-server.js';
export { webhookRoutes, type WebhookRoutesOptions } from './server/webhook-routes.js';
export { runChecks } from './commands/doctor-run.js';
export type { Check } from './commands/doctor-probe.js';
export { createProgram } from './program.js';
