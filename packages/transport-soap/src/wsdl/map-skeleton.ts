import { CONTRACT_OPERATIONS, type ContractOperation } from '@tvox-connector/core';
import { fieldPaths } from '../contract/schema-shape.js';
import { COMMANDS } from './bind-operations.js';
import { treePaths, type DescribedType, type WsdlOperation } from './wsdl-operations.js';

/** The operations a skeleton maps: the six commands, then the push callback. */
const OPERATIONS: readonly ContractOperation[] = [...COMMANDS, 'notifyEvents'];

/** Below this share of common field names, an operation is not offered as a match. */
const MIN_OVERLAP = 0.4;

const bare = (path: string): string => path.replace(/\[\]/g, '');
const parentOf = (path: string): string => bare(path).split('.').slice(0, -1).join('.');

/** Field paths of a described message, leaving out the inside of string maps (`entry/key`). */
function releaseFields(tree: DescribedType, maps: readonly string[]): string[] {
  return treePaths(tree).filter((p) => !maps.some((m) => bare(p).startsWith(`${m}.`)));
}

/** Share of names two field lists have in common (Jaccard). */
function overlap(ours: readonly string[], theirs: readonly string[]): number {
  const a = new Set(ours.map(bare));
  const b = new Set(theirs.map(bare));
  const common = [...a].filter((x) => b.has(x)).length;
  return common / (a.size + b.size - common || 1);
}

interface SideDiff {
  /** Renames guessed when one field is missing and one is extra at the same place. */
  readonly guessed: readonly [string, string][];
  readonly missing: readonly string[];
  readonly extra: readonly string[];
}

/** Top-most paths of `paths` (a path whose parent is in the list is left out). */
function topMost(paths: readonly string[]): string[] {
  const set = new Set(paths.map(bare));
  return paths.filter((p) => !set.has(parentOf(p)));
}

function diff(
  operation: ContractOperation,
  side: 'input' | 'output',
  tree: DescribedType,
): SideDiff {
  const fields = fieldPaths(CONTRACT_OPERATIONS[operation][side]);
  const ours = fields.map((f) => f.path);
  const theirs = releaseFields(
    tree,
    fields.filter((f) => f.map).map((f) => bare(f.path)),
  );
  const theirSet = new Set(theirs.map(bare));
  const ourSet = new Set(ours.map(bare));
  const missing = topMost(ours.filter((p) => !theirSet.has(bare(p))));
  const extra = topMost(theirs.filter((p) => !ourSet.has(bare(p))));
  const guessed: [string, string][] = [];
  for (const path of missing) {
    const here = missing.filter((m) => parentOf(m) === parentOf(path));
    const there = extra.filter((e) => parentOf(e) === parentOf(path));
    const candidate = there[0];
    // Both sides of a rename must cross the same lists.
    const sameShape = candidate?.endsWith('[]') === path.endsWith('[]');
    if (here.length === 1 && there.length === 1 && candidate !== undefined && sameShape)
      guessed.push([path, candidate]);
  }
  return { guessed, missing, extra };
}

/** Picks an operation for each contract operation: the same name, else the most similar fields. */
function match(
  operations: readonly WsdlOperation[],
): Map<ContractOperation, { op: WsdlOperation; how: string }> {
  const chosen = new Map<ContractOperation, { op: WsdlOperation; how: string }>();
  const taken = new Set<WsdlOperation>();
  for (const name of OPERATIONS) {
    const same = operations.find((o) => o.name === name);
    if (same) {
      chosen.set(name, { op: same, how: 'same name' });
      taken.add(same);
    }
  }
  for (const name of OPERATIONS) {
    if (chosen.has(name)) continue;
    const ours = fieldPaths(CONTRACT_OPERATIONS[name].input).map((f) => f.path);
    const best = operations
      .filter((o) => !taken.has(o))
      .map((op) => ({ op, score: overlap(ours, treePaths(op.input)) }))
      .sort((a, b) => b.score - a.score)[0];
    if (best && best.score >= MIN_OVERLAP) {
      chosen.set(name, { op: best.op, how: `similar fields (${Math.round(best.score * 100)}%)` });
      taken.add(best.op);
    }
  }
  return chosen;
}

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

function sideLines(side: 'input' | 'output', found: SideDiff, where: string): string[] {
  const lines =
    found.guessed.length === 0
      ? [`    ${side}: {}`]
      : [
          `    ${side}:`,
          ...found.guessed.map(
            ([ours, theirs]) => `      ${quote(ours)}: ${quote(theirs)} # guessed: check it`,
          ),
        ];
  const guessedOurs = new Set(found.guessed.map(([ours]) => ours));
  const guessedTheirs = new Set(found.guessed.map(([, theirs]) => theirs));
  const missing = found.missing.filter((p) => !guessedOurs.has(p));
  const extra = found.extra.filter((p) => !guessedTheirs.has(p));
  if (missing.length > 0) lines.push(`    # ${side} fields not in ${where}: ${missing.join(', ')}`);
  if (extra.length > 0) lines.push(`    # ${side} fields only in ${where}: ${extra.join(', ')}`);
  return lines;
}

/**
 * Writes an operation map skeleton in YAML for the operations of a WSDL: each contract operation
 * matched to the operation of the same name or, failing that, the one with the most similar
 * request fields; field renames guessed where exactly one field differs at the same place; what
 * is left listed in comments for a person to map.
 */
export function mapSkeleton(source: string, operations: readonly WsdlOperation[]): string {
  const namespaces = [...new Set(operations.flatMap((o) => o.namespace ?? []))];
  const lines = [
    `# Operation map for the WSDL at ${source}`,
    '# Operations found:',
    ...operations.map((o) => `#   ${o.name} (${o.service}/${o.port})`),
  ];
  if (namespaces.length === 1 && namespaces[0] !== undefined)
    lines.push(`namespace: ${quote(namespaces[0])}`);
  lines.push('operations:');
  const chosen = match(operations);
  const free = operations.filter((o) => ![...chosen.values()].some((c) => c.op === o));
  for (const name of OPERATIONS) {
    const found = chosen.get(name);
    if (!found) {
      const hint = free.map((o) => o.name).join(', ') || 'none left';
      lines.push(`  # ${name}: no match in this WSDL; candidates: ${hint}`);
      continue;
    }
    const { op, how } = found;
    lines.push(`  ${name}:`, `    operation: ${op.name} # ${how}`);
    lines.push(...sideLines('input', diff(name, 'input', op.input), op.name));
    lines.push(...sideLines('output', diff(name, 'output', op.output), `${op.name}Response`));
  }
  return `${lines.join('\n')}\n`;
}
