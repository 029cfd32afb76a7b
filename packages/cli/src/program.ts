import { Command } from 'commander';
import { registerDeadLetters } from './commands/dead-letters.js';
import { registerDemo } from './commands/demo.js';
import { registerDoctor } from './commands/doctor.js';
import { registerInspect } from './commands/inspect.js';
import { registerMessages } from './commands/messages.js';
import { registerNewAdapter } from './commands/new-adapter.js';
import { registerSimulate } from './commands/simulate.js';
import { registerStart } from './commands/start.js';

/**
 * The `tvox-connector` command with all its subcommands. A usage error (an unknown command or
 * option, an extra argument, a value not among an option's choices) is thrown as commander's
 * `CommanderError` rather than exiting, for `exitCodeOf` to make it exit 2.
 */
export function createProgram(version: string): Command {
  const program = new Command('tvox-connector')
    .description('Connect any messaging network to the TVox Omnichannel Contact Center.')
    .version(version, '-V, --version')
    // Inherited by every subcommand added below.
    .exitOverride()
    .allowExcessArguments(false)
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nConfiguration: a YAML file (--config or $TVOX_CONNECTOR_CONFIG) whose strings may use ' +
        '${VAR};\nTVOX_CONNECTOR_<PATH> variables override settings (path segments joined by __).',
    );
  registerStart(program);
  registerSimulate(program);
  registerDemo(program);
  registerInspect(program);
  registerDoctor(program);
  registerMessages(program);
  registerDeadLetters(program);
  registerNewAdapter(program);
  return program;
}
