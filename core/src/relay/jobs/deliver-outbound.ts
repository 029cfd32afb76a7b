import { DeliveryUncertainError } from '../../errors/delivery-uncertain-error.js';
import { NetworkApiError } from '../../errors/network-api-error.js';
import type { OutboundMessage } from '../../model/outbound.js';
import { adaptToCapabilities } from '../fallback.js';
import type { EffectsCollector, JobAttempt, RelayServices } from '../job-context.js';

/**
 * Delivers one message to the customer through the channel's adapter. Messages are split into
 * parts that each fit one call to the network when they are queued, so this is one `send` and one
 * call: adapting again gives the part back as it is. A message queued under other capabilities (an
 * adapter upgraded since) is split now and its parts sent in order by this one job; should a later
 * part fail, the retry sends the earlier ones again. That is the one case where the customer may
 * see a part twice, rather than lose a message queued before the upgrade.
 *
 * The lease is confirmed before each call, so a worker that was taken over sends nothing more.
 * After an interrupted attempt, or a call that got no answer once sent, a network that cannot
 * tell a repeat from a new message is not called again: the message goes to the dead letters as
 * uncertain (see `DeliveryUncertainError`).
 */
export async function deliverOutbound(
  services: RelayServices,
  effects: EffectsCollector,
  message: OutboundMessage,
  attempt: JobAttempt,
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
  if (attempt.interrupted && adapter.idempotentSend !== true) {
    services.metrics.increment('tvox_deliveries_uncertain_total', { channel: adapter.channel });
    throw new DeliveryUncertainError(adapter.network, message.messageId);
  }
  const networkMessageIds: string[] = [];
  for (const part of adaptToCapabilities(message, adapter.capabilities)) {
    await attempt.confirm();
    const receipt = await adapter.send(part).catch((error: unknown) => {
      if (adapter.idempotentSend === true || !isOutcomeUnknown(error)) throw error;
      services.metrics.increment('tvox_deliveries_uncertain_total', { channel: adapter.channel });
      throw new DeliveryUncertainError(
        adapter.network,
        message.messageId,
        'the call got no answer',
        {
          cause: error,
        },
      );
    });
    networkMessageIds.push(...receipt.networkMessageIds);
  }
  effects.message({ id: message.messageId, state: 'sent', networkMessageIds });
}

/** Whether a send failed with the network perhaps having taken it (read by shape). */
function isOutcomeUnknown(error: unknown): boolean {
  return (error as Partial<NetworkApiError> | undefined)?.outcomeUnknown === true;
}
