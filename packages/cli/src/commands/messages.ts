import { Option, type Command } from 'commander';
import { CONFIG_OPTION } from './config-option.js';
import type { Direction, MessageState } from '@tvox-connector/core';
import type { MessagesOptions } from './messages-run.js';

// Spelled here rather than read from core, so that `--help` loads nothing of it; the compiler
// checks that every direction and state is there, and nothing else.
const DIRECTIONS = Object.keys({ inbound: true, outbound: true } satisfies Record<Direction, true>);
const MESSAGE_STATES = Object.keys({
  accepted: true,
  sent: true,
  delivered: true,
  read: true,
  failed: true,
} satisfies Record<MessageState, true>);

/** `tvox-connector messages`: reads the ledger, newest first. */
export function registerMessages(program: Command): void {
  program
    .command('messages')
    .description('list ledger messages, newest first, with their state')
    .option(CONFIG_OPTION.flags, CONFIG_OPTION.description)
    .option('--conversation <channel:id>', 'only this conversation')
    .option('--session <id>', 'only this session (its key, as messages list it)')
    .addOption(
      new Option(
        '--direction <direction>',
        'inbound (to TVox) or outbound (to the customer)',
      ).choices(DIRECTIONS),
    )
    .addOption(new Option('--state <state>', 'the message’s state').choices(MESSAGE_STATES))
    .option('-n, --limit <count>', 'most messages to list', '50')
    .option('--json', 'one JSON object per line')
    .action(async (options: MessagesOptions) => {
      const { runMessages } = await import('./messages-run.js');
      await runMessages(options);
    });
}
