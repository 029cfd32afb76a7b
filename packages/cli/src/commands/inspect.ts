import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '@tvox-connector/core';
import { inspectWadl } from '@tvox-connector/transport-rest';
import { inspectWsdl } from '@tvox-connector/transport-soap';
import type { Command } from 'commander';
import { request } from 'undici';

interface InspectOptions {
  readonly user?: string;
  readonly password?: string;
}

/** Which description a source is: by its name when it says, else by its root element. */
async function kindOf(source: string, authorization?: string): Promise<'wsdl' | 'wadl'> {
  if (/[?&]wsdl\b|\.wsdl$/i.test(source)) return 'wsdl';
  if (/[?&]_wadl\b|\.wadl$/i.test(source)) return 'wadl';
  const text = /^https?:\/\//i.test(source)
    ? await (await request(source, { headers: authorization ? { authorization } : {} })).body.text()
    : await readFile(source, 'utf8');
  if (/<(\w+:)?application[\s>]/.test(text)) return 'wadl';
  if (/<(\w+:)?definitions[\s>]/.test(text)) return 'wsdl';
  throw new InvalidInputError('description', [
    { path: source, message: 'neither a WSDL (<definitions>) nor a WADL (<application>)' },
  ]);
}

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
      const password = options.password ?? process.env.TVOX_INSPECT_PASSWORD;
      const authorization =
        options.user === undefined
          ? undefined
          : `Basic ${Buffer.from(`${options.user}:${password ?? ''}`).toString('base64')}`;
      const auth = authorization === undefined ? {} : { authorization };
      if ((await kindOf(source, authorization)) === 'wadl') {
        const inspection = await inspectWadl(source, auth);
        process.stdout.write(`WADL ${source}: ${inspection.methods.length} methods\n\n`);
        process.stdout.write(`${inspection.skeleton}\n`);
        return;
      }
      const inspection = await inspectWsdl(source, auth);
      const lines = [`WSDL ${source}: ${inspection.operations.length} operations`];
      for (const operation of inspection.operations) {
        lines.push(
          `  ${operation.name}${operation.namespace === undefined ? '' : ` {${operation.namespace}}`}`,
        );
        lines.push(`    in:  ${operation.input.join(', ') || '(nothing)'}`);
        lines.push(`    out: ${operation.output.join(', ') || '(nothing)'}`);
      }
      process.stdout.write(`${lines.join('\n')}\n\n${inspection.skeleton}\n`);
    });
}
