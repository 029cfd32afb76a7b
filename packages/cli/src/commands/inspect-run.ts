import {
  InvalidInputError,
  TvoxHttpClient,
  basicAuthorization,
  descriptionText,
  type DescriptionAccess,
} from '@tvox-connector/core';
import { inspectWadl } from '@tvox-connector/transport-rest';
import { inspectWsdl } from '@tvox-connector/transport-soap';

/** The command's options, as commander parses them. */
export interface InspectOptions {
  readonly user?: string;
  readonly password?: string;
}

/** Which description a source is: by its name when it says, else by its root element. */
async function kindOf(source: string, access: DescriptionAccess): Promise<'wsdl' | 'wadl'> {
  if (/[?&]wsdl\b|\.wsdl$/i.test(source)) return 'wsdl';
  if (/[?&]_wadl\b|\.wadl$/i.test(source)) return 'wadl';
  const http = TvoxHttpClient.forDescription(source, access);
  let text: string;
  try {
    text = descriptionText(source, await http.readDescription(source));
  } finally {
    await http.close();
  }
  if (/<(\w+:)?application[\s>]/.test(text)) return 'wadl';
  if (/<(\w+:)?definitions[\s>]/.test(text)) return 'wsdl';
  throw new InvalidInputError('description', [
    { path: source, message: 'neither a WSDL (<definitions>) nor a WADL (<application>)' },
  ]);
}

/** The action of the command inspect (loaded when the command runs). */
export async function runInspect(source: string, options: InspectOptions): Promise<void> {
  const password = options.password ?? process.env.TVOX_INSPECT_PASSWORD;
  const auth =
    options.user === undefined
      ? {}
      : { authorization: basicAuthorization(options.user, password ?? '') };
  if ((await kindOf(source, auth)) === 'wadl') {
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
}
