/**
 * `@tvox-connector/adapter-messenger`: the Facebook Messenger channel adapter. Customers write to
 * a Facebook Page; their messages reach TVox agents, and the agents' replies, files and quick
 * replies reach the customer through the Send API.
 */

// The adapter, its module and factory
export {
  MESSENGER_CAPABILITIES,
  MessengerAdapter,
  type MessengerAdapterDeps,
  type MessengerLedger,
} from './messenger-adapter.js';
export {
  createMessengerAdapter,
  messengerModule,
  tvoxAdapter,
  type MessengerChannel,
} from './messenger-module.js';

// Configuration
export {
  MessengerPage,
  MessengerSettings,
  PageId,
  parseMessengerSettings,
  type MessengerSettingsInput,
} from './messenger-settings.js';

// Building blocks, for tests and tools
export {
  MessengerClient,
  type SendAttachmentType,
  type SendMessage,
  type SendQuickReply,
  type SendWindow,
} from './api/messenger-client.js';
export { conversationId, readConversationId, type PageConversation } from './conversation-id.js';
export { sendPart } from './outbound/send-part.js';
export { parseWebhook, readWebhook, type ParseContext } from './webhook/parse.js';
export { verifyMessengerWebhook } from './webhook/verify.js';
export {
  MessagingEvent,
  MessengerAttachment,
  MessengerEntry,
  MessengerMessage,
  MessengerPostback,
  MessengerWebhook,
} from './webhook/event-schema.js';
