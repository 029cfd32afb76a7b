import type { Command } from 'commander';
import type { DemoOptions } from './demo-run.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the simulator and a web chat connector together; prints the two pages')
    .option(
      '-t, --transport <rest|soap>',
      'TVox transport (default rest, or $TVOX_CONNECTOR_TRANSPORT)',
    )
    .option('-p, --port <port>', 'connector port', '8080')
    .option('--simulator-port <port>', 'simulator port', '8090')
    .option('-d, --data <folder>', 'where the database and uploads are kept', 'data')
    .action(async (options: DemoOptions) => {
      const { runDemo } = await import('./demo-run.js');
      await runDemo(options);
    });
}
