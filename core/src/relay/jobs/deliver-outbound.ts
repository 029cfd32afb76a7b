import { NetworkApiError } from '../../errors/network-api-error.js';
import type { OutboundMessage } from '../../model/outbound.js';
import { adaptToCapabilities } from '../fallback.js';
import type { EffectsCollector, RelayServices } from '../job-context.js';

/**
 * Delivers one message to the customer through the channel's adapter. It was adapted to the
 * network when it was queued; adapting again is a no-op then, and covers capabilities that
 * changed in between (a new adapter version) by sending the parts in order.
 */
export async function deliverOutbound(
  services: RelayServices,
  effects: EffectsCollector,
  message: OutboundMessage,
): Promise<void> {
  const adapter = services.adapters.get(message.conversation.channel);
  if (!adapter) {
    throw new NetworkApiError(
      message.conversation.channel,
      'send',
      'no adapter is configured for this channel',
      { retryable: false },
    );
  }
  const networkMessageIds: string[] = [];
  for (const part of adaptToCapabilities(message, adapter.capabilities)) {
    const receipt = await adapter.send(part);
    networkMessageIds.push(...receipt.networkMessageIds);
  }
  effects.message({ id: message.messageId, state: 'sent', networkMessageIds });
}
