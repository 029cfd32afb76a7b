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
    process.stderr.write(`${describeError(error)}\n`);
    process.exitCode = exitCodeOf(error);
  });
