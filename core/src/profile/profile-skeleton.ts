import type { CompiledProfile } from './compiled-profile.js';
import type { ConnectorCommand } from './command-catalogue.js';

/** One operation a TVox description offers, as `inspect` found it. */
export interface DescribedOperation {
  /** The operation name (SOAP operation, WADL method id). */
  readonly name: string;
  /** A one-line summary: verb and path, or the request's fields. */
  readonly summary: string;
  /** The request's field paths (query and body parameters, or the SOAP request's elements). */
  readonly fields: readonly string[];
}

function score(profile: CompiledProfile, found: readonly DescribedOperation[]): number {
  const names = new Set(found.map((o) => o.name));
  return Object.values(profile.operations).filter((o) => names.has(o.name)).length;
}

/**
 * A profile skeleton for a description: it `extends:` the shipped profile whose operation names
 * match the most operations found, so that everything matching already works, and marks with
 * `TODO` exactly what is left to decide — an operation the description lacks (choose one of the
 * unmatched operations, or keep `null`: the release has none) and the request fields the profile
 * sends that the operation does not declare.
 */
export function profileSkeleton(
  source: string,
  found: readonly DescribedOperation[],
  shipped: readonly CompiledProfile[],
): string {
  // Most names in common first; on a tie, the profile with about as many operations.
  const size = (p: CompiledProfile) => Math.abs(Object.keys(p.operations).length - found.length);
  const base = [...shipped].sort(
    (a, b) => score(b, found) - score(a, found) || size(a) - size(b),
  )[0];
  const lines = [
    `# Contract profile skeleton for ${source}`,
    '# Operations found:',
    ...found.map((o) => `#   ${o.name}: ${o.summary}`),
    `name: ${base ? `${base.name}-custom` : 'custom'}`,
  ];
  if (!base) return `${lines.join('\n')}\n`;
  lines.push(`extends: ${base.name}`, 'operations:');
  const matched = new Set<string>();
  for (const [command, operation] of Object.entries(base.operations) as [
    ConnectorCommand,
    NonNullable<CompiledProfile['operations'][ConnectorCommand]>,
  ][]) {
    if (command === 'notifyEvents') continue;
    const described = found.find((o) => o.name === operation.name);
    if (described) {
      matched.add(described.name);
      const missing = operation.request
        .map((f) => f.path.split('.')[0] ?? f.path)
        .filter((top, i, all) => all.indexOf(top) === i && !described.fields.includes(top));
      lines.push(`  ${command}: # ${operation.name}: ${described.summary}`);
      lines.push(
        missing.length === 0
          ? '    {} # matches: nothing to decide'
          : `    {} # TODO: ${operation.name} declares no ${missing.join(', ')}; rename or remove them under request:`,
      );
    }
  }
  const unmatched = found.filter((o) => !matched.has(o.name)).map((o) => o.name);
  for (const [command, operation] of Object.entries(base.operations)) {
    if (command === 'notifyEvents' || matched.has(operation.name)) continue;
    const choice = unmatched.length > 0 ? `choose one of ${unmatched.join(', ')}` : 'none is left';
    lines.push(
      `  ${command}: null # TODO: no ${operation.name} here${operation.guess ? ' (a guess)' : ''}; ${choice} (operation: <name>), or keep null: the release has none`,
    );
  }
  return `${lines.join('\n')}\n`;
}
