import { InvalidInputError } from '../errors/input-errors.js';
import { renderTemplate, textOf } from '../template/template.js';
import type { CompiledOperation, CompiledRequestField } from './compiled-profile.js';
import { ownValue, readPath, writePath } from './field-path.js';

/** A request in the release's shape, before a transport writes it as XML or JSON. */
export interface WireRequest {
  /** The release's fields, nested as its paths say; absent values are left out. */
  readonly fields: Record<string, unknown>;
}

function convert(field: CompiledRequestField, value: unknown, command: string): unknown {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => convert(field, item, command));
  const mapped =
    field.map !== undefined && (typeof value === 'string' || typeof value === 'number')
      ? (ownValue(field.map, String(value)) ?? value)
      : value;
  switch (field.type) {
    case 'int': {
      // Whole numbers only, written plainly: not `true`, `1e3` or `0x1A`, which Number() accepts.
      const number =
        typeof mapped === 'number'
          ? mapped
          : typeof mapped === 'string' && /^\s*-?\d+\s*$/.test(mapped)
            ? Number(mapped)
            : Number.NaN;
      if (!Number.isSafeInteger(number)) {
        throw new InvalidInputError(`${command} request`, [
          {
            path: field.path,
            message: `expected an integer for the release, got "${textOf(mapped)}"`,
          },
        ]);
      }
      return number;
    }
    case 'string':
      return textOf(mapped);
    case 'boolean':
      return mapped === true || mapped === 'true';
    case undefined:
      // Objects are copied: the wire tree is written into, the caller's values never are.
      return typeof mapped === 'object' && mapped !== null ? structuredClone(mapped) : mapped;
  }
}

function render(field: CompiledRequestField, variables: object): unknown {
  const value =
    field.template === undefined
      ? field.constant
      : renderTemplate(field.template, (name) => readPath(variables, name));
  return value === undefined && field.whenMissing === 'empty' ? '' : value;
}

/**
 * Builds the release's request for one command from the connector's variables (`channel`,
 * `contact`, `session`, …, as the command catalogue declares them): each field's template is
 * rendered, mapped, converted and written at its path. A field whose value is missing is left
 * out, unless the profile says to send it empty.
 */
export function encodeRequest(operation: CompiledOperation, variables: object): WireRequest {
  const fields: Record<string, unknown> = {};
  for (const field of operation.request) {
    const value = render(field, variables);
    if (value === undefined && field.required) {
      throw new InvalidInputError(`${operation.command} request`, [
        {
          path: field.path,
          message: `the release requires it, and ${field.template?.source ?? 'its value'} has no value: set it in the config`,
        },
      ]);
    }
    if (value === undefined) continue;
    writePath(fields, field.path, convert(field, value, operation.command));
  }
  return { fields };
}
