/**
 * An application built on the tvox-connector packages as an outside team builds one: its own
 * container from their modules, its own channel adapter (Acme Chat), its own HTTP server.
 */
export { startConsumer, type RunningConsumer } from './consumer-app.js';
export { channelUrls, consumerContainer } from './consumer-container.js';
export { serveWebhooks, type WebhookServer } from './webhook-server.js';
export { AcmeChatAdapter } from './acme-chat/acme-chat-adapter.js';
export {
  acmeChatModule,
  createAcmeChatAdapter,
  tvoxAdapter,
} from './acme-chat/acme-chat-module.js';
export { AcmeChatSettings, parseAcmeChatSettings } from './acme-chat/acme-chat-settings.js';
export { AcmeChatClient, type AcmeChatClientOptions } from './acme-chat/api/acme-chat-client.js';
export { parseWebhook } from './acme-chat/webhook/parse.js';
export { SIGNATURE_HEADER, signatureOf, verifyWebhook } from './acme-chat/webhook/verify.js';
