#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { ExitCode } from '../commands/exit-code.js';
import { createProgram } from '../program.js';

const { version } = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
) as { version: string };

createProgram(version)
  .parseAsync(process.argv)
  .catch(async (error: unknown) => {
    // Commander printed its own message (and the help): only the exit code is left to set.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    try {
      const { describeError, exitCodeOf } = await import('../commands/cli-error.js');
      process.stderr.write(`${describeError(error)}\n`);
      process.exitCode = exitCodeOf(error);
    } catch {
      // What explains errors could not load either (the same broken installation, say).
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = ExitCode.failure;
    }
  });
