import { expect } from 'chai';
import fc from 'fast-check';
import {
  encodeRequest,
  mapFields,
  parseTemplate,
  readPath,
  writePath,
  type CompiledAnswerField,
  type CompiledOperation,
  type ConnectorCommand,
} from '@tvox-connector/core';
import { pathSet } from './profile-paths';
import { compiled, operationOf } from './profile-support';

/** Variables of `openSession` and `sendMessage` that hold one value each. */
const SCALARS = [
  'session.id',
  'session.serviceCode',
  'session.description',
  'contact.id',
  'contact.displayName',
  'contact.phone',
  'conversation.id',
  'entryPoint',
] as const;
const ATTACHMENT_FIELDS = ['name', 'contentType', 'size', 'url'] as const;

/** A wire value: text or a number (`''` would read as missing). */
const value = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.integer());
const maybe = fc.option(value, { nil: undefined });

/** A request mapping of renames (wire path ← one variable) for `command`, compiled. */
function renames(command: ConnectorCommand, pairs: readonly (readonly [string, string])[]) {
  const request = Object.fromEntries(pairs.map(([variable, path]) => [path, `{${variable}}`]));
  const operations = {
    openSession: { operation: 'open' },
    [command]: { operation: 'op', request },
  };
  return operationOf(compiled({ name: 'renames', operations }), command);
}

/** The inverse of a rename mapping: each variable read back from where it was written. */
function inverse(pairs: readonly (readonly [string, string])[]): CompiledAnswerField[] {
  return pairs.map(([ours, theirs]) => ({ ours, theirs, map: undefined }));
}

/** The requests a rename mapping makes, as an operation: each wire path ← `{ours}`. */
function encoderOf(fields: readonly CompiledAnswerField[]): CompiledOperation {
  return {
    command: 'pollEvents',
    name: 'encode',
    guess: false,
    note: undefined,
    request: fields.map((f) => ({
      path: f.theirs,
      template: parseTemplate(`{${f.ours}}`),
      constant: undefined,
      type: undefined,
      map: undefined,
      whenMissing: 'omit' as const,
      required: false,
      placement: undefined,
    })),
    answer: [],
    failure: { result: 'result', code: undefined, message: undefined, codes: {} },
    events: undefined,
    rest: undefined,
  };
}

/** Expects every variable of `pairs` to read the same in `back` as in `variables`. */
function expectSameVariables(
  pairs: readonly (readonly [string, string])[],
  variables: object,
  back: object,
) {
  for (const [variable] of pairs)
    expect(readPath(back, variable), variable).to.deep.equal(readPath(variables, variable));
}

describe('profile round trips: renames are invertible', () => {
  it('reads back what openSession wrote, across nesting and flattening', () => {
    const mapping = fc
      .uniqueArray(fc.constantFrom(...SCALARS), { minLength: 1, maxLength: SCALARS.length })
      .chain((variables) =>
        fc.tuple(
          fc.constant(variables),
          pathSet(variables.map(() => 0 as const)),
          fc.array(maybe, { minLength: variables.length, maxLength: variables.length }),
        ),
      );
    fc.assert(
      fc.property(mapping, ([names, paths, values]) => {
        const pairs = names.map((name, i) => [name, paths[i] ?? ''] as const);
        const variables: Record<string, unknown> = {};
        names.forEach((name, i) => writePath(variables, name, values[i]));
        const wire = encodeRequest(renames('openSession', pairs), variables);
        expectSameVariables(pairs, variables, mapFields(inverse(pairs), wire.fields));
      }),
    );
  });

  it('reads back what sendMessage wrote into lists (a[].b ← {x[].y}) and beside them', () => {
    const attachment = fc.record(
      { name: value, contentType: value, size: fc.integer(), url: value },
      { requiredKeys: [] },
    );
    const mapping = fc
      .tuple(
        fc.uniqueArray(fc.constantFrom(...ATTACHMENT_FIELDS), { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(fc.constantFrom('session.id', 'message.id', 'message.text'), {
          maxLength: 3,
        }),
      )
      .chain(([listed, scalars]) =>
        fc.tuple(
          fc.constant([...listed.map((f) => `message.attachments[].${f}`), ...scalars]),
          pathSet([...listed.map(() => 1 as const), ...scalars.map(() => 0 as const)]),
          fc.array(attachment, { maxLength: 4 }),
          fc.array(value, { minLength: 3, maxLength: 3 }),
        ),
      );
    fc.assert(
      fc.property(mapping, ([names, paths, attachments, scalars]) => {
        const pairs = names.map((name, i) => [name, paths[i] ?? ''] as const);
        const variables = {
          session: { id: scalars[0] },
          message: { id: scalars[1], text: scalars[2], attachments },
        };
        const wire = encodeRequest(renames('sendMessage', pairs), variables);
        expectSameVariables(pairs, variables, mapFields(inverse(pairs), wire.fields));
      }),
    );
  });

  it('encodes back the wire answer a rename answer mapping read', () => {
    const mapping = fc
      .array(fc.constantFrom(0 as const, 1 as const), { minLength: 1, maxLength: 5 })
      .chain((lists) => fc.tuple(fc.constant(lists), pathSet(lists), pathSet(lists)))
      .chain(([lists, ours, theirs]) =>
        fc.tuple(
          fc.constant(
            ours.map((path, i) => ({ ours: path, theirs: theirs[i] ?? '', map: undefined })),
          ),
          // Lists of one length: a mapping that merges two lists into one keeps their lengths.
          fc
            .nat(3)
            .chain((n) =>
              fc.tuple(
                ...lists.map((l) =>
                  l === 0 ? maybe : fc.array(maybe, { minLength: n, maxLength: n }),
                ),
              ),
            ),
        ),
      );
    fc.assert(
      fc.property(mapping, ([fields, values]) => {
        const wire: Record<string, unknown> = {};
        fields.forEach((field, i) => writePath(wire, field.theirs, values[i]));
        const read = mapFields(fields, wire);
        expect(encodeRequest(encoderOf(fields), read).fields).to.deep.equal(wire);
      }),
    );
  });
});
