import type {
  ProfileBinding,
  CompiledAnswerField,
  CompiledOperation,
  CompiledProfile,
  ConnectorCommand,
  ContractGap,
} from '@tvox-connector/core';
import {
  hasPath,
  type DescribedType,
  type SubtypeLookup,
  type WsdlOperation,
} from './wsdl-operations.js';

/** What binding a profile to a WSDL found: each bound command's WSDL operation. */
export type Binding = ProfileBinding<WsdlOperation>;

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

/** Where each event path is checked: in the event element, or in a kind's own subtype. */
interface EventCheck {
  /** The `xsi:type` the paths are in, when the kind is told by it. */
  readonly subtype?: string;
  readonly paths: readonly string[];
}

function eventChecks(operation: CompiledOperation): EventCheck[] {
  const events = operation.events;
  if (!events) return [];
  const theirs = (fields: readonly CompiledAnswerField[]) => fields.map((f) => f.theirs);
  const common = [
    ...theirs(events.common),
    ...(events.kind.by === 'field' ? [events.kind.field] : []),
  ];
  // A kind told by xsi:type has its fields in that subtype, not in the list's declared type.
  if (events.kind.by === 'xsiType')
    return [
      { paths: common },
      ...events.kinds.map((k) => ({ subtype: k.match, paths: theirs(k.fields) })),
    ];
  const kinds = events.kinds.flatMap((k) => [
    ...(events.kind.by === 'child' ? [k.match] : []),
    ...theirs(k.fields),
  ]);
  return [{ paths: [...common, ...kinds] }];
}

/** Checks one operation's fields against the WSDL; returns the gaps. */
function checkFields(
  command: ConnectorCommand,
  bound: CompiledOperation,
  operation: WsdlOperation,
  subtype: SubtypeLookup,
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
  const list = bound.events?.list;
  const element = list === undefined ? undefined : eventElement(operation.output, list);
  if (list === undefined || element === undefined) return gaps;
  for (const check of eventChecks(bound)) {
    const at = check.subtype === undefined ? list : `${list}(xsi:type ${check.subtype})`;
    const type = check.subtype === undefined ? element : subtype(check.subtype);
    if (type === undefined) {
      missing('output', at);
      continue;
    }
    for (const path of check.paths) if (!hasPath(type, path)) missing('output', `${at}.${path}`);
  }
  return gaps;
}

/**
 * Finds each operation of the profile in the WSDL (by name, and namespace when the profile names
 * one) and checks that every field it sends or reads exists where the profile says: a child the
 * WSDL lacks would be silently dropped by a CXF service. A guessed operation the WSDL lacks is
 * dropped (the release runs without it); event kinds told by `xsi:type` are checked against
 * their subtype (`subtype` finds it); the push callback is served by the connector, whatever
 * the WSDL says. Collects every gap instead of stopping at the first.
 */
export function bindOperations(
  operations: readonly WsdlOperation[],
  profile: CompiledProfile,
  subtype: SubtypeLookup = () => undefined,
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
    gaps.push(...checkFields(command, operation, found, subtype));
    bound[command] = operation;
    wsdl.set(command, found);
  }
  return gaps.length > 0
    ? { ok: false, gaps }
    : { ok: true, operations: bound, bindings: wsdl, dropped };
}
