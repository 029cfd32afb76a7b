import type { Command } from 'commander';
import type { InspectOptions } from './inspect-run.js';

/** `tvox-connector inspect`: lists a TVox's operations and prints a contract profile skeleton. */
export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description(
      'list the operations of a WSDL or WADL (URL or file) and print a contract profile skeleton',
    )
    .argument('<source>', 'URL or file of the WSDL (SOAP) or WADL (REST)')
    .option('-u, --user <code>', 'user for a description behind HTTP Basic')
    .option('-p, --password <password>', 'password for it (or $TVOX_INSPECT_PASSWORD)')
    .action(async (source: string, options: InspectOptions) => {
      const { runInspect } = await import('./inspect-run.js');
      await runInspect(source, options);
    });
}
