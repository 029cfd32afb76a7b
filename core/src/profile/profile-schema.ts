import { z } from 'zod';
import { NonEmptyString } from '../model/primitives.js';
import { CONNECTOR_COMMANDS, EVENT_KINDS, FAILURE_MEANINGS } from './command-catalogue.js';

/**
 * The profile language: a TVox release's contract described as data (YAML), so that the
 * connector speaks any release by configuration. A profile binds each connector command to the
 * release's operation: where each request field goes, where each answer field comes from, how a
 * failure reads, how events are told apart, and for REST the verb, the path and where each field
 * travels. Every object refuses unknown keys: a misspelt key is an error, never silently ignored.
 */

/** A dotted field path; `[]` steps into every element of a list (`events[].sequence`). */
export const FieldPath = z
  .string()
  .regex(
    /^[A-Za-z_$@][\w$@-]*(\[\])?(\.[A-Za-z_$@][\w$@-]*(\[\])?)*$/,
    'expected a dotted field path such as "contact.phone" or "events[].sequence"',
  );
/** A dotted field path. */
export type FieldPath = z.infer<typeof FieldPath>;

/** A value written into a request: a template (`'{contact.phone}'`) or a constant. */
const RequestValue = z.union([z.string(), z.number(), z.boolean()]);

/** Where a REST request field travels. */
export const RestPlacement = z.enum(['path', 'query', 'body']);
/** Where a REST request field travels. */
export type RestPlacement = z.infer<typeof RestPlacement>;

/** One request field, long form. */
export const RequestFieldSpec = z.strictObject({
  /** The template or constant giving the value. */
  value: RequestValue,
  /** Converts the value before sending: `int` for a numeric template, `string` for text. */
  type: z.enum(['string', 'int', 'boolean']).optional(),
  /** Our value → the release's value (after rendering). Values not listed pass unchanged. */
  map: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /**
   * The release cannot do without it (a required `int` a Java service would read as 0): a value
   * missing at run time is an error, and a channel lacking what it needs is refused at start.
   */
  required: z.boolean().default(false),
  /** When the value is missing: leave the field out (default), or send an empty string. */
  whenMissing: z.enum(['omit', 'empty']).default('omit'),
  /** REST only: where the field travels; by default GET sends it in the query, POST in the body. */
  in: RestPlacement.optional(),
});
/** One request field, long form. */
export type RequestFieldSpec = z.infer<typeof RequestFieldSpec>;

/**
 * A request: the release's field path → where its value comes from. Fields not listed are not
 * sent. A path crossing lists (`message.attachments[].fileName`) takes one variable that crosses
 * as many (`'{message.attachments[].name}'`).
 */
export const RequestMapping = z.record(FieldPath, z.union([RequestValue, RequestFieldSpec]));
/** A request mapping. */
export type RequestMapping = z.infer<typeof RequestMapping>;

/** One answer field, long form. */
export const AnswerFieldSpec = z.strictObject({
  /** The release's field path. */
  from: FieldPath,
  /** The release's value → ours. Values not listed pass unchanged. */
  map: z.record(z.string(), z.string()).optional(),
});
/** One answer field, long form. */
export type AnswerFieldSpec = z.infer<typeof AnswerFieldSpec>;

/** An answer: our field → the release's field path it is read from. */
export const AnswerMapping = z.record(FieldPath, z.union([FieldPath, AnswerFieldSpec]));
/** An answer mapping. */
export type AnswerMapping = z.infer<typeof AnswerMapping>;

/** What a release's failure code means to the connector; it decides the typed error raised. */
export const FailureMeaning = z.enum(FAILURE_MEANINGS);
/** What a release's failure code means to the connector. */
export type FailureMeaning = z.infer<typeof FailureMeaning>;

/** How an answer says it failed, and what its codes mean. */
export const FailureSpec = z.strictObject({
  /** The field holding the outcome (`SUCCESS` or `FAILED`). */
  result: FieldPath.optional(),
  /** The field holding the failure code (`failReason`, `errorCode`). */
  code: FieldPath.optional(),
  /** The field holding the failure's text (`failReasonMessage`, `errorMessage`). */
  message: FieldPath.optional(),
  /** The release's failure code → what it means; unlisted codes mean `rejected`. */
  codes: z.record(z.string(), FailureMeaning).optional(),
});
/** How an answer says it failed. */
export type FailureSpec = z.infer<typeof FailureSpec>;

/** How the kind of an event is told, structurally. */
export const EventKindRule = z.discriminatedUnion('by', [
  /** The kind is which child element is present (a Java-first `choice`). */
  z.strictObject({ by: z.literal('child') }),
  /** The kind is the local name of the element's `xsi:type` (or Jackson's `@type`). */
  z.strictObject({ by: z.literal('xsiType') }),
  /** The kind is the value of a discriminator field (for releases that have one). */
  z.strictObject({ by: z.literal('field'), field: FieldPath }),
]);
/** How the kind of an event is told. */
export type EventKindRule = z.infer<typeof EventKindRule>;

/** One kind of event: how it is recognised and where its own fields are. */
export const EventKindSpec = z.strictObject({
  /** The child element name, `xsi:type` local name, or discriminator value; the kind's name by default. */
  match: NonEmptyString.optional(),
  /** Our field → the release's path, relative to the event element. */
  fields: AnswerMapping.default({}),
});
/** One kind of event. */
export type EventKindSpec = z.infer<typeof EventKindSpec>;

/** Where events are in an answer (or a push), and how each is read. */
export const EventsSpec = z.strictObject({
  /** Path of the list of event elements, ending in `[]` (`events[]`, `events.event[]`). */
  list: FieldPath.refine(
    (p) => p.endsWith('[]') && p.indexOf('[]') === p.length - 2,
    'the events list path crosses one list, at its end: "events[]" or "events.event[]"',
  ),
  /**
   * Fields every event has (`sequence`, `sessionId`, `at`, and `epoch` when the release numbers
   * runs of its event stream), relative to the event element.
   */
  fields: AnswerMapping.default({}),
  kind: EventKindRule,
  kinds: z.partialRecord(z.enum(EVENT_KINDS), EventKindSpec),
});
/** Where events are and how each is read. */
export type EventsSpec = z.infer<typeof EventsSpec>;

/** How an operation travels over REST. */
export const RestOperation = z.strictObject({
  verb: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
  /** Below the REST base, e.g. `startSession` or `sessions/{id}/messages`. */
  path: z.string(),
  /** A path template or query parameter name → the request field it carries (same name when absent). */
  params: z.record(NonEmptyString, FieldPath).optional(),
});
/** How an operation travels over REST. */
export type RestOperation = z.infer<typeof RestOperation>;

/** One connector command bound to the release's operation. */
export const OperationBinding = z.strictObject({
  /** The release's operation name (SOAP operation, WADL method id). */
  operation: NonEmptyString,
  /** Says that this binding is a guess, not from TVox's public documentation. */
  guess: z.boolean().default(false),
  /** Why the binding is as it is; shown by `doctor`. */
  note: z.string().optional(),
  request: RequestMapping.default({}),
  answer: AnswerMapping.default({}),
  /** Overrides the profile's `failure` field by field. */
  failure: FailureSpec.optional(),
  /** For `pollEvents` and `notifyEvents`: where the events are. */
  events: EventsSpec.optional(),
  rest: RestOperation.optional(),
});
/** One connector command bound to the release's operation. */
export type OperationBinding = z.infer<typeof OperationBinding>;

const operationShape = Object.fromEntries(
  CONNECTOR_COMMANDS.map((command) => [command, OperationBinding.nullable().optional()]),
) as Record<
  (typeof CONNECTOR_COMMANDS)[number],
  z.ZodOptional<z.ZodNullable<typeof OperationBinding>>
>;

/** A contract profile. */
export const ContractProfile = z.strictObject({
  /** Editors' schema reference; ignored. */
  $schema: z.string().optional(),
  /** The profile's name, e.g. `mcc-1.0`. */
  name: NonEmptyString,
  /** What the profile is for, in a sentence. */
  description: z.string().optional(),
  /** A shipped profile name or a file this one starts from; its parts are overridden key by key. */
  extends: NonEmptyString.optional(),
  soap: z
    .strictObject({
      /** The release's target namespace; the WSDL's own when absent. */
      namespace: NonEmptyString.optional(),
    })
    .default({}),
  rest: z
    .strictObject({
      /** The resources base below the TVox URL; the WADL's `resources base` wins where it says. */
      base: z.string().default('/mc/cxf/rest'),
    })
    .default({ base: '/mc/cxf/rest' }),
  /** How every operation's answer says it failed, unless the operation says otherwise. */
  failure: FailureSpec.default({}),
  /**
   * Connector command → the release's operation; `null` (or absent) says the release has none.
   * `openSession` is the only one every release must have.
   */
  operations: z.strictObject(operationShape),
});
/** A contract profile, as validated (defaults applied). */
export type ContractProfile = z.infer<typeof ContractProfile>;
/** A contract profile as written. */
export type ContractProfileInput = z.input<typeof ContractProfile>;
