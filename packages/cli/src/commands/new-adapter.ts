import type { Command } from 'commander';

/** `tvox-connector new-adapter`: scaffolds an adapter package, standalone or in the repository. */
export function registerNewAdapter(program: Command): void {
  program
    .command('new-adapter')
    .description(
      'scaffold an adapter package: verify, parse, client, settings, module, README, spec',
    )
    .argument('<name>', 'the network, lower case (e.g. viber)')
    .option(
      '-d, --directory <folder>',
      'where to write it (default: ./<name>; adapters/<name> in the tvox-connector repository)',
    )
    .option(
      '-p, --package-name <name>',
      'its npm name, scoped or not (default: tvox-connector-adapter-<name>; ' +
        '@tvox-connector/adapter-<name> in the repository)',
    )
    .option(
      '--layout <layout>',
      'standalone (own tsconfig, scripts, lint; published dependencies) or workspace ' +
        '(a package of the repository); default: workspace inside the repository',
    )
    .action(
      async (
        name: string,
        options: { directory?: string; packageName?: string; layout?: string },
      ) => {
        const { runNewAdapter } = await import('./new-adapter-run.js');
        await runNewAdapter(name, options);
      },
    );
}
