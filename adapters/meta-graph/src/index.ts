/**
 * `@tvox-connector/meta-graph`: what the adapters for Meta's networks (Messenger, Instagram
 * Direct, WhatsApp Cloud) share. Webhooks: the `X-Hub-Signature-256` check of the raw body and the
 * `GET` subscription handshake. The Graph API: a client pinned to a version, its errors mapped to
 * retryable or permanent `NetworkApiError`s. Messaging: the Send API's 24-hour window with the
 * `HUMAN_AGENT` tag, read watermarks matched against core's ledger, customers' files typed. Media: signed links through which TVox fetches a
 * customer's file from Meta without ever seeing an access token.
 */

// Webhooks
export { HUB_SIGNATURE_HEADER, hubSignature, verifyHubSignature } from './webhook/hub-signature.js';
export {
  isSubscriptionHandshake,
  subscriptionReply,
  verifySubscriptionHandshake,
} from './webhook/subscription-handshake.js';
export { verifyMetaWebhook, type MetaWebhookSecrets } from './webhook/meta-webhook.js';
export { readWebhookBody } from './webhook/read-body.js';
export {
  builtActivity,
  parseMessagingBatch,
  type EventOutcome,
  type MessagingBatchReader,
  type MessagingEntry,
} from './webhook/messaging-batch.js';

// The Graph API
export { GraphClient, type GraphClientOptions, type MediaDownload } from './api/graph-client.js';
export {
  GraphApiError,
  GraphErrorBody,
  TOKEN_INVALID_CODE,
  graphErrorToNetworkError,
  isPermissionCode,
  isRateLimitCode,
  retryAfterMs,
  type GraphAnswerMeta,
  type GraphError,
} from './api/graph-error.js';

// Media links
export { MediaLinks, type MediaLinkOptions, type MediaRef } from './media/media-links.js';
export { MEDIA_ROUTE_PATH, mediaRoute } from './media/media-route.js';
export {
  customerFile,
  isCustomerFileKind,
  webUrl,
  type CustomerFileKind,
} from './media/customer-file.js';

// Messaging: the 24-hour window, read watermarks
export {
  isOutsideWindow,
  sendInWindow,
  windowFields,
  type SendWindow,
  type WindowedNetwork,
} from './messaging/send-window.js';
export { sentUpTo, type SentLedger } from './messaging/sent-up-to.js';
export {
  SendApiClient,
  type SendAttachmentType,
  type SendMessage,
  type SendQuickReply,
  type SendRoute,
} from './messaging/send-api-client.js';
export { scopedConversation, sendPart, type SendApiNetwork } from './messaging/send-part.js';
export {
  readScopedConversationId,
  scopedConversationId,
  type ScopedConversation,
} from './messaging/scoped-conversation.js';

// Settings fragments
export {
  DEFAULT_GRAPH_API_VERSION,
  GraphSettings,
  MediaLinkSettings,
  MetaChannelFields,
  WebhookSecretSettings,
  graphClientFor,
  parseMetaSettings,
} from './graph-settings.js';
export {
  metaChannelModule,
  metaChannelSettings,
  type MetaAdapterServices,
} from './assembly/meta-channel.js';
