/**
 * `@tvox-connector/adapter-instagram`: the Instagram Direct channel adapter (Messenger API for
 * Instagram). Customers write to an Instagram professional account; their messages, files, story
 * replies and mentions reach TVox agents, and the agents' replies, images and quick replies reach
 * the customer through the Send API.
 */

// The adapter, its module and factory
export {
  INSTAGRAM_CAPABILITIES,
  InstagramAdapter,
  type InstagramAdapterDeps,
  type InstagramLedger,
} from './instagram-adapter.js';
export {
  createInstagramAdapter,
  instagramModule,
  tvoxAdapter,
  type InstagramChannel,
} from './instagram-module.js';

// Configuration
export {
  InstagramAccount,
  InstagramAccountId,
  InstagramSettings,
  parseInstagramSettings,
  type InstagramSettingsInput,
} from './instagram-settings.js';

// Building blocks, for tests and tools
export { InstagramClient } from './api/instagram-client.js';
export { conversationId, readConversationId, type AccountConversation } from './conversation-id.js';
export { messageContent, type MessageContent } from './webhook/content.js';
export { parseWebhook, readWebhook, type ParseContext } from './webhook/parse.js';
export {
  InstagramAttachment,
  InstagramEntry,
  InstagramMessage,
  InstagramPostback,
  InstagramReaction,
  InstagramWebhook,
  MessagingEvent,
} from './webhook/event-schema.js';
