import { isAbsolute, relative } from 'node:path';
import type { ScaffoldResult } from './scaffold-adapter.js';

/** What to do after {@link scaffoldAdapter}, as the commands print it, one line each. */
export function nextSteps(result: ScaffoldResult, cwd: string): string[] {
  const fromCwd = relative(cwd, result.directory);
  // A folder below the working one by its relative path, any other by its absolute one.
  const folder =
    fromCwd === ''
      ? '.'
      : fromCwd.startsWith('..') || isAbsolute(fromCwd)
        ? result.directory
        : fromCwd;
  if (result.layout === 'standalone') {
    return [
      `Next: cd ${folder} && npm install && npm run build && npm test`,
      "Its conformance suite fails with TVOX_ERR_NOT_IMPLEMENTED, step by step, until the network's",
      'logic is written (see its README). `npm run lint` and `npm run format` keep it tidy.',
      `A connector loads it with \`adapter: ${result.packageName}\` in a channel of its configuration.`,
    ];
  }
  return [
    `Next: add { "path": "${folder}" } to the root tsconfig.json references, run npm install,`,
    `then npm run build && npx mocha ${folder}/test/conformance.spec.ts: its conformance suite`,
    "fails with TVOX_ERR_NOT_IMPLEMENTED, step by step, until the network's logic is written",
    '(docs/writing-an-adapter.md).',
  ];
}
