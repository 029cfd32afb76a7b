import type { OutboundMessage } from '@tvox-connector/core';
import {
  scopedConversation,
  sendPart as sendApiPart,
  type ScopedConversation,
  type SendApiNetwork,
} from '@tvox-connector/meta-graph';
import type { MessengerClient } from '../api/messenger-client.js';

/** Messenger as the shared Send API code names it. */
const MESSENGER: SendApiNetwork = {
  network: 'messenger',
  label: 'Messenger',
  conversationIdShape: '<Page id>-<PSID>',
};

/** The Page (`accountId`) and customer (`userId`) of a conversation id the adapter made. */
export function pageConversation(id: string): ScopedConversation {
  return scopedConversation(id, MESSENGER);
}

/**
 * Sends one part of an outbound message, as core split it by `MESSENGER_CAPABILITIES`: a text,
 * or one file by URL, with its quick replies, as a `RESPONSE`. Messenger decides the 24-hour
 * window, not our clock: when it refuses the reply as outside it, the same message goes once
 * more with the `HUMAN_AGENT` tag if the app has it (`humanAgentTag`), and otherwise, or if that
 * is refused too, the part fails for good with an error that says why. Nothing is remembered
 * (the first call did not go through, so the second cannot double it). Resolves with the
 * message id.
 */
export function sendPart(
  client: MessengerClient,
  part: OutboundMessage,
  humanAgentTag: boolean,
): Promise<string> {
  return sendApiPart(client, part, humanAgentTag, MESSENGER);
}
