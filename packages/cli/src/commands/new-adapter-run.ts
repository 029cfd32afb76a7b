import { join } from 'node:path';
import { scaffoldAdapter } from '@tvox-connector/create-adapter';

/** The action of the command newadapter (loaded when the command runs). */
export async function runNewAdapter(name: string, options: { directory?: string }): Promise<void> {
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
}
