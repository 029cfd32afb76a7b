import {
  CONTRACT_OPERATIONS,
  releaseOperationName,
  type ContractCommand,
  type ContractGap,
  type FieldRenames,
  type OperationMap,
} from '@tvox-connector/core';
import type { z } from 'zod';
import { fieldPaths, type FieldPath } from '../contract/schema-shape.js';
import { releasePaths } from '../contract/release-paths.js';
import { hasPath, type DescribedType, type WsdlOperation } from './wsdl-operations.js';

/** The six commands, in contract order. */
export const COMMANDS = [
  'openSession',
  'sendMessage',
  'closeSession',
  'getSessionStatus',
  'pollEvents',
  'ackEvents',
] as const satisfies readonly ContractCommand[];

/** A command bound to the WSDL operation that carries it. */
export interface BoundCommand {
  readonly operation: WsdlOperation;
  /** List paths of the answer's content, in the release's names (to mend one-element lists). */
  readonly outputLists: readonly string[];
}

/** What {@link bindOperations} found. */
export type Binding =
  | {
      readonly ok: true;
      readonly commands: Readonly<Record<ContractCommand, BoundCommand>>;
      /** Optional contract fields the WSDL lacks: sent anyway, and TVox may drop them. */
      readonly missingOptional: readonly string[];
    }
  | { readonly ok: false; readonly gaps: readonly ContractGap[] };

type Side = 'input' | 'output';

/**
 * Which fields must exist: every field the map renames; in an answer every top-level field (the
 * transport reads them); and every field its parent requires (a field inside an optional parent,
 * say an attachment's `contentType`, is needed whenever that parent is sent).
 */
function mustExist(field: FieldPath, side: Side, renames: FieldRenames): boolean {
  if (field.path in renames) return true;
  return field.required || (side === 'output' && field.depth === 1);
}

const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('.')));

interface SideCheck {
  readonly missing: string[];
  readonly missingOptional: string[];
  readonly unknownRenames: string[];
  readonly lists: string[];
}

function checkSide(schema: z.ZodType, tree: DescribedType, renames: FieldRenames, side: Side) {
  const fields = fieldPaths(schema);
  const where = releasePaths(
    fields.map((f) => f.path),
    renames,
  );
  const check: SideCheck = { missing: [], missingOptional: [], unknownRenames: [], lists: [] };
  const known = new Set(fields.map((f) => f.path));
  check.unknownRenames.push(...Object.keys(renames).filter((path) => !known.has(path)));
  // Parents come before their children; the children of a missing parent are not looked for.
  const present = new Set<string>();
  for (const field of fields) {
    const parent = parentOf(field.path);
    if (parent !== '' && !present.has(parent)) continue;
    const path = where.get(field.path) ?? field.path;
    if (field.list) check.lists.push(path);
    if (hasPath(tree, path)) present.add(field.path);
    else if (mustExist(field, side, renames)) check.missing.push(path);
    else check.missingOptional.push(path);
  }
  return check;
}

/** Where a field sits in a message, for error messages: `createSession.externalId`. */
function located(operation: WsdlOperation, side: Side, path: string): string {
  if (side === 'input') return `${operation.name}.${path}`;
  const wrapper = operation.outputWrapper === undefined ? '' : `${operation.outputWrapper}.`;
  return `${operation.name}Response.${wrapper}${path}`;
}

/**
 * Finds each command's operation in the WSDL under the map's names (and namespace, when the map
 * names one), and checks that every field the transport needs exists, renamed as the map says.
 * Collects every gap instead of stopping at the first.
 */
export function bindOperations(operations: readonly WsdlOperation[], map: OperationMap): Binding {
  const gaps: ContractGap[] = [];
  const missingOptional: string[] = [];
  const commands: Partial<Record<ContractCommand, BoundCommand>> = {};
  for (const command of COMMANDS) {
    const name = releaseOperationName(map, command);
    const operation = operations.find(
      (o) => o.name === name && (map.namespace === undefined || o.namespace === map.namespace),
    );
    if (!operation) {
      const expected = map.namespace === undefined ? name : `{${map.namespace}}${name}`;
      gaps.push({ kind: 'operation', command, expected });
      continue;
    }
    const mapping = map.operations[command];
    const schemas = CONTRACT_OPERATIONS[command];
    const input = checkSide(schemas.input, operation.input, mapping.input, 'input');
    const output = checkSide(schemas.output, operation.output, mapping.output, 'output');
    for (const [side, check] of [
      ['input', input],
      ['output', output],
    ] as const) {
      for (const path of check.missing)
        gaps.push({ kind: 'field', command, expected: located(operation, side, path) });
      for (const path of check.unknownRenames)
        gaps.push({
          kind: 'field',
          command,
          expected: `${path} (renamed in the map's ${side}, not a contract field)`,
        });
      missingOptional.push(...check.missingOptional.map((p) => located(operation, side, p)));
    }
    commands[command] = { operation, outputLists: output.lists };
  }
  if (gaps.length > 0) return { ok: false, gaps };
  return {
    ok: true,
    commands: commands as Record<ContractCommand, BoundCommand>,
    missingOptional,
  };
}
