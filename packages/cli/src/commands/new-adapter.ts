import { join } from 'node:path';
import { scaffoldAdapter } from '@tvox-connector/create-adapter';
import type { Command } from 'commander';

/** `tvox-connector new-adapter`: scaffolds an adapter package in the house layout. */
export function registerNewAdapter(program: Command): void {
  program
    .command('new-adapter')
    .description('scaffold adapters/<name>: verify, parse, client, settings, module, README, spec')
    .argument('<name>', 'the network, lower case (e.g. viber)')
    .option('-d, --directory <folder>', 'where to write it (default: adapters/<name>)')
    .action(async (name: string, options: { directory?: string }) => {
      const result = await scaffoldAdapter({
        name,
        directory: options.directory ?? join('adapters', name),
      });
      process.stdout.write(
        [
          `wrote ${result.files.length} files to ${result.directory}:`,
          ...result.files.map((file) => `  ${file}`),
          'Next: npm install, then fill in webhook/verify.ts, webhook/parse.ts and the client;',
          'its conformance suite fails until you do (see docs/writing-an-adapter.md).',
          '',
        ].join('\n'),
      );
    });
}
