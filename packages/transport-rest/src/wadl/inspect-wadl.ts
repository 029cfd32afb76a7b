import { TvoxHttpClient, descriptionText, type DescriptionAccess } from '@tvox-connector/core';
import { COMMANDS, REFERENCE_BINDINGS } from '../rest-bindings.js';
import { readWadl, type WadlMethod } from './read-wadl.js';

/** What `inspectWadl` found. */
export interface WadlInspection {
  readonly source: string;
  readonly methods: readonly WadlMethod[];
  /** An operation map skeleton in YAML: found commands filled in, the others to choose. */
  readonly skeleton: string;
}

/** Options of {@link inspectWadl}: how to reach the WADL. */
export type InspectOptions = DescriptionAccess;

function describe(method: WadlMethod): string {
  const query = method.queryParams.length > 0 ? `?${method.queryParams.join('&')}` : '';
  return `${method.verb} ${method.path}${query}`;
}

/**
 * Reads a WADL (URL or file) and lists its methods, with a skeleton operation map: each command
 * is matched to the method with the same `id`, or to the one on the reference verb and path;
 * commands with no match are left commented with the candidates to choose from.
 */
export async function inspectWadl(
  source: string,
  options: InspectOptions = {},
): Promise<WadlInspection> {
  const http = TvoxHttpClient.forDescription(source, options);
  let text: string;
  try {
    text = descriptionText(source, await http.readDescription(source));
  } finally {
    await http.close();
  }
  const { methods } = readWadl(text);
  const ids = methods.flatMap((m) => m.id ?? []);
  const lines = [
    `# Operation map skeleton for ${source}`,
    '# Methods found:',
    ...methods.map((m) => `#   ${m.id ?? '(no id)'}: ${describe(m)}`),
    'operations:',
  ];
  for (const command of COMMANDS) {
    const reference = REFERENCE_BINDINGS[command];
    const match =
      methods.find((m) => m.id === command) ??
      methods.find(
        (m) =>
          m.verb === reference.verb &&
          m.path.replace(/\{[^}]+\}/g, '{}') === reference.path.replace(/\{[^}]+\}/g, '{}'),
      );
    lines.push(`  ${command}:`);
    if (match?.id !== undefined) {
      lines.push(`    operation: ${match.id} # ${describe(match)}`);
    } else {
      lines.push(`    # operation: choose one of ${ids.join(', ') || '(none has an id)'}`);
    }
    lines.push('    input: {} # our field: its field, e.g. channelSessionId: externalId');
    lines.push('    output: {}');
  }
  return { source, methods, skeleton: `${lines.join('\n')}\n` };
}
