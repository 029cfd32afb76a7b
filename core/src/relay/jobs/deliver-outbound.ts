import { NetworkApiError } from '../../errors/network-api-error.js';
import type { OutboundMessage } from '../../model/outbound.js';
import { adaptToCapabilities } from '../fallback.js';
import type { EffectsCollector, RelayServices } from '../job-context.js';

/**
 * Delivers one message to the customer through the channel's adapter, adapted to what the
 * network renders (split, numbered quick replies, links for files it cannot take).
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
