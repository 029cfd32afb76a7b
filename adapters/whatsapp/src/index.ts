/**
 * `@tvox-connector/adapter-whatsapp`: the WhatsApp Cloud API channel adapter. Customers write to
 * a business phone number; their messages reach TVox agents, and the agents' replies, files and
 * reply buttons reach the customer through the Cloud API.
 */

// The adapter, its module and factory
export {
  WHATSAPP_CAPABILITIES,
  WhatsAppAdapter,
  type WhatsAppAdapterDeps,
  type WhatsAppLedger,
} from './whatsapp-adapter.js';
export {
  createWhatsAppAdapter,
  tvoxAdapter,
  whatsappModule,
  type WhatsAppChannel,
} from './whatsapp-module.js';

// Configuration
export {
  PhoneNumberId,
  WhatsAppPhoneNumber,
  WhatsAppSettings,
  WindowTemplate,
  parseWhatsAppSettings,
  type WhatsAppSettingsInput,
} from './whatsapp-settings.js';
export { windowTemplate, type ChannelRouting } from './window-templates.js';

// Building blocks, for tests and tools
export {
  WhatsAppClient,
  type InteractiveHeader,
  type MediaLink,
  type SendButton,
  type SendMediaType,
  type SendMessage,
} from './api/whatsapp-client.js';
export { conversationId, readConversationId, type NumberConversation } from './conversation-id.js';
export {
  MAX_INTERACTIVE_BODY,
  WINDOW_MS,
  numberConversation,
  sendPart,
  type SendContext,
} from './outbound/send-part.js';
export {
  contactsText,
  locationText,
  mediaPath,
  messageContent,
  readMediaPath,
  type MessageContent,
} from './webhook/message-content.js';
export { parseWebhook, readWebhook, type ParseContext } from './webhook/parse.js';
export {
  WhatsAppContactCard,
  WhatsAppEntry,
  WhatsAppLocation,
  WhatsAppMedia,
  WhatsAppMessage,
  WhatsAppStatus,
  WhatsAppValue,
  WhatsAppWebhook,
} from './webhook/event-schema.js';
