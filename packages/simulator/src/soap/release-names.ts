import { CONTRACT_OPERATIONS, NonEmptyString, type ContractOperation } from '@tvox-connector/core';
import { z } from 'zod';

/**
 * How the simulator plays a TVox release whose SOAP names differ from the relay contract's: the
 * release's operation names, namespace and field renames, so that tests can check the connector
 * against a release shaped unlike its own defaults.
 */

/**
 * Field renames: framework path → the path this TVox release uses. Paths are dotted; `[]` steps
 * into every element of a list (`events[].agentName`, `message.attachments[].contentType`). Both
 * sides of a rename must cross the same lists.
 */
export const FieldRenames = z.record(
  z
    .string()
    .regex(/^[A-Za-z_][\w]*(\[\])?(\.[A-Za-z_][\w]*(\[\])?)*$/, 'expected a dotted field path'),
  z
    .string()
    .regex(/^[A-Za-z_][\w]*(\[\])?(\.[A-Za-z_][\w]*(\[\])?)*$/, 'expected a dotted field path'),
);
/** Field renames: framework path → release path. */
export type FieldRenames = z.infer<typeof FieldRenames>;

/** How one contract operation is named in a TVox release. */
export const OperationMapping = z.object({
  /** The operation's name in the release (SOAP operation, WADL method id); defaults to ours. */
  operation: NonEmptyString.optional(),
  /** Renames inside the request. */
  input: FieldRenames.default({}),
  /** Renames inside the answer. */
  output: FieldRenames.default({}),
});
/** How one contract operation is named in a TVox release. */
export type OperationMapping = z.infer<typeof OperationMapping>;

const operations = Object.fromEntries(
  Object.keys(CONTRACT_OPERATIONS).map((name) => [
    name,
    OperationMapping.default({ input: {}, output: {} }),
  ]),
) as Record<ContractOperation, z.ZodDefault<typeof OperationMapping>>;

/**
 * The names of a simulated TVox release. Everything defaults to the relay contract, so the
 * empty map `{}` is the relay contract itself.
 */
export const OperationMap = z.object({
  /** The SOAP target namespace of the release; the WSDL's own when absent. */
  namespace: NonEmptyString.optional(),
  operations: z
    .object(operations)
    .default(
      Object.fromEntries(
        Object.keys(CONTRACT_OPERATIONS).map((name) => [name, { input: {}, output: {} }]),
      ) as Record<ContractOperation, OperationMapping>,
    ),
});
/** Maps the framework's operations and fields onto what a TVox release calls them. */
export type OperationMap = z.infer<typeof OperationMap>;

/** The map of the reference contract: every name as ours. */
export const REFERENCE_OPERATION_MAP: OperationMap = OperationMap.parse({});

/** The release's name of an operation. */
export function releaseOperationName(map: OperationMap, operation: ContractOperation): string {
  return map.operations[operation].operation ?? operation;
}

type Json = unknown;

function splitPath(path: string): { readonly key: string; readonly list: boolean }[] {
  return path
    .split('.')
    .map((step) => ({ key: step.replace(/\[\]$/, ''), list: step.endsWith('[]') }));
}

/** Takes the value at `path` out of `target` (mutating it), one value per list element crossed. */
function take(target: Json, steps: readonly { key: string; list: boolean }[]): Json {
  const [step, ...rest] = steps;
  if (step === undefined || typeof target !== 'object' || target === null) return undefined;
  const record = target as Record<string, Json>;
  const value = record[step.key];
  if (rest.length === 0 && !step.list) {
    Reflect.deleteProperty(record, step.key);
    return value;
  }
  if (step.list) {
    if (!Array.isArray(value)) return undefined;
    if (rest.length === 0) {
      Reflect.deleteProperty(record, step.key);
      return value;
    }
    return value.map((item) => take(item, rest));
  }
  return take(value, rest);
}

/** Puts `value` at `path` in `target`, creating objects on the way; lists are walked in step. */
function put(target: Json, steps: readonly { key: string; list: boolean }[], value: Json): void {
  const [step, ...rest] = steps;
  if (step === undefined || value === undefined || typeof target !== 'object' || target === null)
    return;
  const record = target as Record<string, Json>;
  if (rest.length === 0) {
    record[step.key] = value;
    return;
  }
  if (step.list) {
    const items = record[step.key];
    if (!Array.isArray(items) || !Array.isArray(value)) return;
    items.forEach((item, i) => {
      put(item, rest, value[i]);
    });
    return;
  }
  record[step.key] ??= {};
  put(record[step.key], rest, value);
}

/**
 * Applies renames to a deep copy of `payload`: framework names to the release's (`toRelease`),
 * or back (`fromRelease`). Paths that are absent are left alone. With no renames, `payload`
 * itself is returned.
 */
export function renameFields<T>(
  payload: T,
  renames: FieldRenames,
  direction: 'toRelease' | 'fromRelease',
): T {
  const copy = structuredClone(payload);
  for (const [ours, theirs] of Object.entries(renames)) {
    const [from, to] = direction === 'toRelease' ? [ours, theirs] : [theirs, ours];
    const value = take(copy, splitPath(from));
    put(copy, splitPath(to), value);
  }
  return copy;
}
