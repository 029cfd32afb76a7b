/**
 * `@tvox-connector/adapter-webchat`: a channel of our own. The connector serves an embeddable
 * chat widget and a demo page; visitors talk over a WebSocket with resume, typing, read receipts
 * and attachments, identified by a signed token and optionally by a host-signed identity.
 */

// The channel
export {
  createWebchatChannel,
  type WebchatChannel,
  type WebchatChannelOptions,
} from './create-webchat-channel.js';
export { tvoxAdapter, webchatModule } from './webchat-module.js';
export { WebchatAdapter, webchatCapabilities, type WebchatAdapterDeps } from './webchat-adapter.js';
export {
  WebchatAttachmentSettings,
  WebchatSettings,
  parseWebchatSettings,
} from './webchat-settings.js';

// Visitor identity
export {
  HostIdentity,
  canonicalIdentity,
  verifyHostIdentity,
  type VerifiedIdentity,
} from './identity/host-identity.js';
export { VisitorTokens, type Visitor } from './identity/visitor-token.js';

// The wire protocol
export { type MessageFrame, type ServerFrame } from './socket/server-frame.js';
export { visitorFrameSchema, type VisitorFrame } from './webhook/visitor-frame.js';
export { CLOSE_CODES } from './socket/serve-visitor-socket.js';
