import type {
  BoundOperations,
  CompiledAnswerField,
  CompiledOperation,
  CompiledProfile,
  ConnectorCommand,
  ContractGap,
} from '@tvox-connector/core';
import { hasPath, type DescribedType, type WsdlOperation } from './wsdl-operations.js';

/** What binding a profile to a WSDL found. */
export type Binding =
  | {
      readonly ok: true;
      readonly operations: BoundOperations;
      /** Each bound command's WSDL operation. */
      readonly wsdl: ReadonlyMap<ConnectorCommand, WsdlOperation>;
      /** Guessed operations the WSDL lacks: the release runs without them. */
      readonly dropped: readonly string[];
    }
  | { readonly ok: false; readonly gaps: readonly ContractGap[] };

/** Where a field sits, for error messages: `startSession.channelId`, `…Response.return.result`. */
function located(operation: WsdlOperation, side: 'input' | 'output', path: string): string {
  if (side === 'input') return `${operation.name}.${path}`;
  const wrapper = operation.outputWrapper === undefined ? '' : `${operation.outputWrapper}.`;
  return `${operation.name}Response.${wrapper}${path}`;
}

/** The event element's own type, inside the answer's list. */
function eventElement(output: DescribedType, list: string): DescribedType | undefined {
  let node: DescribedType | string | undefined = output;
  for (const step of list.slice(0, -2).split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[`${step}[]`] ?? node[step];
  }
  return typeof node === 'object' ? node : undefined;
}

/** Every answer path the profile reads from this operation's output. */
function answerPaths(operation: CompiledOperation): string[] {
  const { failure } = operation;
  return [
    failure.result,
    ...(failure.code === undefined ? [] : [failure.code]),
    ...(failure.message === undefined ? [] : [failure.message]),
    ...operation.answer.map((f) => f.theirs),
    ...(operation.events === undefined ? [] : [operation.events.list]),
  ];
}

/**
 * Every path the profile reads inside an event element. Kinds told apart by `xsi:type` keep their
 * fields in subtypes of the element's declared type, which the WSDL's description of the answer
 * does not list: only the common fields are checked then.
 */
function eventPaths(operation: CompiledOperation): string[] {
  const events = operation.events;
  if (!events) return [];
  const theirs = (fields: readonly CompiledAnswerField[]) => fields.map((f) => f.theirs);
  if (events.kind.by === 'xsiType') return theirs(events.common);
  const kinds = events.kinds.flatMap((k) => [
    ...(events.kind.by === 'child' ? [k.match] : []),
    ...theirs(k.fields),
  ]);
  return [
    ...theirs(events.common),
    ...(events.kind.by === 'field' ? [events.kind.field] : []),
    ...kinds,
  ];
}

/** Checks one operation's fields against the WSDL; returns the gaps. */
function checkFields(
  command: ConnectorCommand,
  bound: CompiledOperation,
  operation: WsdlOperation,
) {
  const gaps: ContractGap[] = [];
  const missing = (side: 'input' | 'output', path: string) => {
    const expected = located(operation, side, path);
    if (!gaps.some((g) => g.expected === expected)) gaps.push({ kind: 'field', command, expected });
  };
  for (const field of bound.request)
    if (!hasPath(operation.input, field.path)) missing('input', field.path);
  for (const path of answerPaths(bound))
    if (!hasPath(operation.output, path)) missing('output', path);
  const element = bound.events ? eventElement(operation.output, bound.events.list) : undefined;
  if (element) {
    for (const path of eventPaths(bound))
      if (!hasPath(element, path)) missing('output', `${bound.events?.list}.${path}`);
  }
  return gaps;
}

/**
 * Finds each operation of the profile in the WSDL (by name, and namespace when the profile names
 * one) and checks that every field it sends or reads exists where the profile says: a child the
 * WSDL lacks would be silently dropped by a CXF service. A guessed operation the WSDL lacks is
 * dropped (the release runs without it); the push callback is served by the connector, whatever
 * the WSDL says. Collects every gap instead of stopping at the first.
 */
export function bindOperations(
  operations: readonly WsdlOperation[],
  profile: CompiledProfile,
): Binding {
  const gaps: ContractGap[] = [];
  const bound: Partial<Record<ConnectorCommand, CompiledOperation>> = {};
  const wsdl = new Map<ConnectorCommand, WsdlOperation>();
  const dropped: string[] = [];
  const namespace = profile.soapNamespace;
  for (const [command, operation] of Object.entries(profile.operations) as [
    ConnectorCommand,
    CompiledOperation,
  ][]) {
    const found = operations.find(
      (o) => o.name === operation.name && (namespace === undefined || o.namespace === namespace),
    );
    if (command === 'notifyEvents') {
      bound[command] = operation;
      if (found) wsdl.set(command, found);
      continue;
    }
    if (!found) {
      if (operation.guess) dropped.push(operation.name);
      else
        gaps.push({
          kind: 'operation',
          command,
          expected: namespace === undefined ? operation.name : `{${namespace}}${operation.name}`,
        });
      continue;
    }
    gaps.push(...checkFields(command, operation, found));
    bound[command] = operation;
    wsdl.set(command, found);
  }
  return gaps.length > 0 ? { ok: false, gaps } : { ok: true, operations: bound, wsdl, dropped };
}
