import {
  ConfigError,
  type Direction,
  type MessageQuery,
  type MessageRecord,
  type MessageState,
} from '@tvox-connector/core';
import { withStore } from './open-store.js';

/** The command's options, as commander parses them. */
export interface MessagesOptions {
  readonly config?: string;
  readonly conversation?: string;
  readonly session?: string;
  readonly direction?: Direction;
  readonly state?: MessageState;
  readonly limit: string;
  readonly json?: boolean;
}

/** `channel:id` → a conversation key; the id may itself contain colons. */
function conversationOf(value: string): { channel: string; id: string } {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1) {
    throw new ConfigError([
      { path: '--conversation', message: `expected <channel>:<conversation id>, got "${value}"` },
    ]);
  }
  return { channel: value.slice(0, at), id: value.slice(at + 1) };
}

function line(message: MessageRecord): string {
  const payload = message.payload as { text?: unknown } | undefined;
  const text = typeof payload?.text === 'string' ? payload.text.replace(/\s+/g, ' ') : '';
  return [
    new Date(message.acceptedAt).toISOString(),
    message.direction.padEnd(8),
    message.state.padEnd(9),
    `${message.conversation.channel}:${message.conversation.id}`,
    message.sessionKey ?? '-',
    message.id,
    message.failure ? `${message.failure.code}: ${message.failure.message}` : text.slice(0, 60),
  ].join('  ');
}

/** The action of the command messages (loaded when the command runs). */
export async function runMessages(options: MessagesOptions): Promise<void> {
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new ConfigError([{ path: '--limit', message: 'expected a positive whole number' }]);
  }
  const query: MessageQuery = {
    limit,
    ...(options.conversation ? { conversation: conversationOf(options.conversation) } : {}),
    ...(options.session ? { sessionKey: options.session } : {}),
    ...(options.direction ? { direction: options.direction } : {}),
    ...(options.state ? { state: options.state } : {}),
  };
  const messages = await withStore(options, 'read', (store) => store.listMessages(query));
  for (const message of messages) {
    process.stdout.write(`${options.json ? JSON.stringify(message) : line(message)}\n`);
  }
  if (!options.json && messages.length === 0) process.stdout.write('no messages\n');
}
