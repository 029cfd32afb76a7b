import {
  ChannelContribution,
  ConnectorConfig,
  Logger,
  Metrics,
  Relay,
  parseSection,
  webhookEndpoint,
} from '@tvox-connector/core';
import { consumerContainer } from './consumer-container.js';
import { serveWebhooks } from './webhook-server.js';

/** A running {@link startConsumer}. */
export interface RunningConsumer {
  /** Where the webhooks are served: `{url}/webhooks/<channel id>`. */
  readonly url: string;
  readonly relay: Relay;
  /** Stops taking webhooks, then lets the relay finish what it holds and close the store. */
  stop(): Promise<void>;
}

/**
 * Starts the application from a connector configuration (core's `ConnectorConfig`, as an object:
 * the application may read it from wherever it likes): its container, the relay, and a webhook
 * per channel on its own HTTP server. Throws `ConfigError` listing every problem.
 */
export async function startConsumer(input: unknown): Promise<RunningConsumer> {
  const config = parseSection(ConnectorConfig, input, '');
  const server = await serveWebhooks(config.server.host, config.server.port);
  try {
    const container = consumerContainer(config, server.url);
    const relay = container.get<Relay>(Relay);
    server.serve(
      container
        .getAll<ChannelContribution>(ChannelContribution)
        .map(({ adapter }) =>
          webhookEndpoint(
            adapter,
            relay,
            `/webhooks/${adapter.channel}`,
            container.get<Logger>(Logger),
            container.get<Metrics>(Metrics),
          ),
        ),
    );
    await relay.start();
    return {
      url: server.url,
      relay,
      async stop() {
        await server.close();
        await relay.stop();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
