/**
 * `@tvox-connector/adapter-telegram`: the Telegram channel adapter. Customers write to a Telegram bot;
 * their private-chat messages reach TVox agents, and the agents' replies, files and quick replies
 * reach the customer.
 */

// The adapter, its module and factory
export {
  TELEGRAM_CAPABILITIES,
  TelegramAdapter,
  type TelegramAdapterDeps,
} from './telegram-adapter.js';
export {
  createTelegramAdapter,
  telegramModule,
  tvoxAdapter,
  type TelegramChannel,
} from './telegram-module.js';

// Configuration
export {
  TelegramReceive,
  TelegramSettings,
  parseTelegramSettings,
  type TelegramSettingsInput,
} from './telegram-settings.js';

// Building blocks, for tests and tools
export {
  TelegramClient,
  toNetworkError,
  type TelegramClientOptions,
} from './api/telegram-client.js';
export { parseUpdate, readUpdate, type FileRef, type ParseContext } from './webhook/parse.js';
export { SECRET_TOKEN_HEADER, verifySecretToken } from './webhook/verify.js';
export { TelegramUpdate, TelegramMessage } from './webhook/update-schema.js';
export { FileTokens } from './files/file-token.js';
