/**
 * `@tvox-connector/adapter-twilio`: the Twilio Programmable Messaging channel adapter. Customers
 * text the contact center's Twilio number; their SMS reach TVox agents, and the agents' replies
 * reach them through the Messages API.
 */

// The adapter, its module and factory
export { TWILIO_CAPABILITIES, TwilioAdapter, type TwilioAdapterDeps } from './twilio-adapter.js';
export {
  createTwilioAdapter,
  tvoxAdapter,
  twilioModule,
  type TwilioChannel,
} from './twilio-module.js';

// Configuration
export {
  AccountSid,
  TwilioSender,
  TwilioSettings,
  parseTwilioSettings,
  type TwilioSettingsInput,
} from './twilio-settings.js';

// Building blocks, for tests and tools
export { MessagesClient, type CreateMessage } from './api/messages-client.js';
export { formRecord, readForm, type FormField } from './webhook/form.js';
export {
  TwilioWebhook,
  parseWebhook,
  type DeliveryFailure,
  type ParseContext,
} from './webhook/parse.js';
export {
  SIGNATURE_HEADER,
  signedFields,
  twilioSignature,
  verifyTwilioSignature,
} from './webhook/signature.js';
