#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, exitCodeOf } from '../commands/cli-error.js';
import { createProgram } from '../program.js';

const { version } = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
) as { version: string };

createProgram(version)
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const description = describeError(error);
    if (description !== '') process.stderr.write(`${description}\n`);
    process.exitCode = exitCodeOf(error);
  });
