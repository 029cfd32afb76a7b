'use strict';

// One mocha configuration for the whole monorepo. Tests are TypeScript, run through ts-node in
// transpile-only mode (type checking is `npm run lint`'s job, so tests start fast).
process.env.TS_NODE_TRANSPILE_ONLY ??= 'true';
process.env.TS_NODE_PROJECT ??= require('node:path').join(__dirname, 'tsconfig.check.json');

// `npx mocha <spec files or globs>` runs just those; without any, every spec of the repository.
const namesSpecs = process.argv
  .slice(2)
  .some((arg) => !arg.startsWith('-') && /\.ts$|\*/.test(arg));

module.exports = {
  require: ['ts-node/register', 'reflect-metadata'],
  extension: ['ts'],
  // Package tests live in <package>/test, cross-package tests in the root test/ folder.
  spec: namesSpecs ? [] : ['{core,packages,adapters,test}/**/*.spec.ts'],
  ignore: ['**/node_modules/**', '**/dist/**'],
  timeout: 10000,
  reporter: 'spec',
};
