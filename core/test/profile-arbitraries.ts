import fc from 'fast-check';
import {
  ANSWER_FIELDS,
  CONNECTOR_COMMANDS,
  EVENT_COMMON_FIELDS,
  EVENT_FIELDS,
  EVENT_KINDS,
  FAILURE_MEANINGS,
  REQUEST_VARIABLES,
  type ConnectorCommand,
} from '@tvox-connector/core';

/**
 * Random profiles, variables and wire content for robustness properties: mostly well formed, with
 * names that trip naive code (`constructor`, `__proto__`, `$value`) and parts of any shape.
 */

const KEYS = [
  'a',
  'result',
  'failReason',
  'events',
  'Event',
  'return',
  'constructor',
  'toString',
  '__proto__',
  '$value',
  'x-y',
];
const key = fc.constantFrom(...KEYS);

/** A dotted path, `[]` on any step. */
export const anyPath = fc
  .array(fc.tuple(key, fc.boolean()), { minLength: 1, maxLength: 3 })
  .map((steps) => steps.map(([k, list]) => (list ? `${k}[]` : k)).join('.'));
/** A request field's path: crossing a list only now and then (it then needs a list variable). */
const requestPath = fc.oneof(
  { weight: 20, arbitrary: anyPath.map((p) => p.replace(/\[\]/g, '')) },
  { weight: 1, arbitrary: anyPath },
);

/** Mostly a known field of the catalogue, sometimes one that is not. */
const known = (names: readonly string[]) =>
  fc.oneof({ weight: 100, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: key });

function template(names: readonly string[]) {
  const variable = known(
    names.length > 0 ? names.filter((n) => !n.includes('[]')) : ['connector.code'],
  );
  return fc.oneof(
    variable.map((v) => `{${v}}`),
    fc.tuple(variable, variable).map(([a, b]) => `{${a}|${b}} · {${a}}`),
    fc.string(),
    fc.integer(),
    fc.boolean(),
  );
}

function requestValue(names: readonly string[]) {
  return fc.oneof(
    template(names),
    fc.record(
      {
        value: template(names),
        type: fc.constantFrom('string', 'int', 'boolean'),
        map: fc.dictionary(fc.constantFrom(...KEYS, '1', 'x'), fc.oneof(fc.string(), fc.integer())),
        whenMissing: fc.constantFrom('omit', 'empty'),
        in: fc.constantFrom('path', 'query', 'body'),
      },
      { requiredKeys: ['value'] },
    ),
  );
}

const scalarPath = anyPath.map((p) => p.replace(/\[\]/g, ''));

/** Our field → the release's path, crossing as many lists as ours does (or, rarely, not). */
const answerMapping = (fields: readonly string[]) =>
  fc
    .array(
      fc.tuple(known(fields.length > 0 ? fields : ['none']), scalarPath, scalarPath, fc.nat(30)),
      {
        maxLength: fields.length > 0 ? 4 : 1,
      },
    )
    .map((entries) =>
      Object.fromEntries(
        entries.map(([ours, outer, inner, n]) => {
          const from = ours.includes('[]') !== (n === 0) ? `${outer}[].${inner}` : outer;
          return [ours, n % 3 === 1 ? { from, map: { SUCCESS: 'x', constructor: 'y' } } : from];
        }),
      ),
    );
const code = fc.constantFrom('NO_LICENSE', 'GENERIC', 'constructor', 'toString', '12');
const failure = fc.record(
  {
    result: anyPath,
    code: anyPath,
    message: anyPath,
    codes: fc.dictionary(code, fc.constantFrom(...FAILURE_MEANINGS)),
  },
  { requiredKeys: [] },
);
const events = fc.record(
  {
    list: anyPath.map((p) => `${p.replace(/\[\]/g, '')}[]`),
    fields: answerMapping(EVENT_COMMON_FIELDS),
    kind: fc.oneof(
      fc.constant({ by: 'child' }),
      fc.constant({ by: 'xsiType' }),
      anyPath.map((field) => ({ by: 'field', field })),
    ),
    kinds: fc.record(
      Object.fromEntries(
        EVENT_KINDS.map((kind) => [
          kind,
          fc.record(
            { match: fc.oneof(key, fc.constant(kind)), fields: answerMapping(EVENT_FIELDS[kind]) },
            { requiredKeys: [] },
          ),
        ]),
      ),
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['list', 'kind', 'kinds'] },
);

/** Commands whose binding must say where its events are. */
const EVENTFUL = new Set<ConnectorCommand>(['pollEvents', 'notifyEvents']);

function binding(command: ConnectorCommand) {
  const names = REQUEST_VARIABLES[command];
  return fc.record(
    {
      operation: fc.string({ minLength: 1, maxLength: 8 }),
      guess: fc.boolean(),
      request: fc.dictionary(requestPath, requestValue(names), {
        maxKeys: command === 'notifyEvents' ? 0 : 6,
      }),
      answer: answerMapping(ANSWER_FIELDS[command]),
      failure,
      ...(EVENTFUL.has(command) ? { events } : {}),
      rest: fc.record({
        verb: fc.constantFrom('GET', 'POST'),
        path: fc.constantFrom('startSession', 'sessions/{id}', '{constructor}'),
      }),
    },
    { requiredKeys: EVENTFUL.has(command) ? ['operation', 'events'] : ['operation'] },
  );
}

/** A profile as written: valid in shape, often against the catalogue too. */
export const profileInput = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 8 }),
    failure,
    operations: fc.record(
      Object.fromEntries(CONNECTOR_COMMANDS.map((c) => [c, fc.option(binding(c), { nil: null })])),
      { requiredKeys: ['openSession'] },
    ),
  },
  { requiredKeys: ['name', 'operations'] },
);

/** A profile as written, or something that is not one at all. */
export const anyProfileInput = fc.oneof(
  { weight: 4, arbitrary: profileInput },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        profileInput,
        fc.constantFrom('name', 'operations', 'failure', 'soap', 'rest'),
        fc.anything(),
      )
      .map(([profile, part, value]) => ({ ...profile, [part]: value })),
  },
  { weight: 1, arbitrary: fc.anything() },
);

/** A value as XML and JSON readers produce it. */
const leaf = fc.oneof(
  fc.constantFrom('SUCCESS', 'FAILED', 'NO_LICENSE', 'constructor', '', '12', ' 7 '),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ $attributes: { 'xsi:nil': 'true' } }),
  fc.constant({ $attributes: { 'xsi:type': 'xs:string' }, $value: 'FAILED' }),
);

/** Wire content: nested objects and lists over the tricky keys, or anything. */
export const wireContent: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.dictionary(key, tie('node'), { maxKeys: 5 }),
        fc.array(tie('node'), { maxLength: 3 }),
      ),
    })).node,
  },
  { weight: 1, arbitrary: fc.anything() },
);

/** The connector's variables for any command, of any shape underneath. */
export const requestVariables = fc.record({
  connector: fc.record({ code: leaf }),
  request: fc.record({ id: leaf }),
  session: fc.dictionary(fc.constantFrom('id', 'serviceCode', 'description', 'data'), leaf),
  channel: fc.record({ id: leaf, tvoxChannelId: leaf }),
  contact: fc.dictionary(fc.constantFrom('id', 'displayName', 'phone', 'value'), leaf),
  message: fc.record({
    id: leaf,
    text: leaf,
    attachments: fc.oneof(
      fc.array(fc.dictionary(fc.constantFrom('name', 'size', 'url'), leaf)),
      leaf,
    ),
  }),
  attributes: fc.oneof(fc.dictionary(key, fc.string()), leaf),
  poll: fc.record({ afterSequence: leaf, max: leaf }),
});
