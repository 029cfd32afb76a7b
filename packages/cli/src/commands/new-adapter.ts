import type { Command } from 'commander';

/** `tvox-connector new-adapter`: scaffolds an adapter package in the house layout. */
export function registerNewAdapter(program: Command): void {
  program
    .command('new-adapter')
    .description('scaffold adapters/<name>: verify, parse, client, settings, module, README, spec')
    .argument('<name>', 'the network, lower case (e.g. viber)')
    .option('-d, --directory <folder>', 'where to write it (default: adapters/<name>)')
    .action(async (name: string, options: { directory?: string }) => {
      const { runNewAdapter } = await import('./new-adapter-run.js');
      await runNewAdapter(name, options);
    });
}
