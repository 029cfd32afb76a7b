import { unknownName } from '../errors/unknown-name.js';
import type { ValidationIssue } from '../errors/validation-issue.js';
import {
  parseTemplate,
  renderTemplate,
  soleSlot,
  TemplateSyntaxError,
  undeclaredVariables,
  type Template,
} from '../template/template.js';
import {
  ANSWER_FIELDS,
  CONNECTOR_COMMANDS,
  EVENT_COMMANDS,
  EVENT_COMMON_FIELDS,
  EVENT_FIELDS,
  REQUEST_VARIABLES,
  type ConnectorCommand,
  type EventKind,
  type FailureMeaningName,
} from './command-catalogue.js';
import { listDepth } from './field-path.js';
import type {
  AnswerMapping,
  ContractProfile,
  EventKindRule,
  EventKindSpec,
  FailureSpec,
  OperationBinding,
  RequestMapping,
  RestOperation,
  RestPlacement,
} from './profile-schema.js';

/** One request field, ready to render. */
export interface CompiledRequestField {
  /** The release's field path. */
  readonly path: string;
  /** The template giving the value, or `undefined` for a constant. */
  readonly template: Template | undefined;
  readonly constant: string | number | boolean | undefined;
  readonly type: 'string' | 'int' | 'boolean' | undefined;
  readonly map: Readonly<Record<string, string | number | boolean>> | undefined;
  readonly whenMissing: 'omit' | 'empty';
  readonly required: boolean;
  readonly placement: RestPlacement | undefined;
}

/** One answer field: our path ← the release's path, with its value map. */
export interface CompiledAnswerField {
  readonly ours: string;
  readonly theirs: string;
  readonly map: Readonly<Record<string, string>> | undefined;
}

/** How an operation's answer says it failed; every field resolved. */
export interface CompiledFailure {
  readonly result: string;
  readonly code: string | undefined;
  readonly message: string | undefined;
  readonly codes: Readonly<Record<string, FailureMeaningName>>;
}

/** Where an answer's events are and how each is read. */
export interface CompiledEvents {
  readonly list: string;
  readonly common: readonly CompiledAnswerField[];
  readonly kind: EventKindRule;
  readonly kinds: readonly {
    readonly kind: EventKind;
    readonly match: string;
    readonly fields: readonly CompiledAnswerField[];
  }[];
}

/** One connector command bound to a release operation, checked and ready to use. */
export interface CompiledOperation {
  readonly command: ConnectorCommand;
  /** The release's operation name. */
  readonly name: string;
  readonly guess: boolean;
  readonly note: string | undefined;
  readonly request: readonly CompiledRequestField[];
  readonly answer: readonly CompiledAnswerField[];
  readonly failure: CompiledFailure;
  readonly events: CompiledEvents | undefined;
  readonly rest: RestOperation | undefined;
}

/** Which way of working a release allows: messages through TVox, or sessions routed only. */
export type IntegrationMode = 'relay' | 'routing';

/** A profile, checked against the command catalogue and ready to drive a transport. */
export interface CompiledProfile {
  readonly name: string;
  readonly description: string | undefined;
  readonly soapNamespace: string | undefined;
  readonly restBase: string;
  readonly operations: Readonly<Partial<Record<ConnectorCommand, CompiledOperation>>>;
}

/** The mode a set of bound operations yields: relay needs messages both ways. */
export function modeOf(operations: Partial<Record<ConnectorCommand, unknown>>): IntegrationMode {
  const sends = operations.sendMessage !== undefined;
  const receives = operations.pollEvents !== undefined || operations.notifyEvents !== undefined;
  return sends && receives ? 'relay' : 'routing';
}

const DEFAULT_RESULT_FIELD = 'result';

/** Collects problems with their paths, so one error lists them all. */
class Problems {
  readonly issues: ValidationIssue[] = [];
  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }
}

function compileRequest(
  command: ConnectorCommand,
  mapping: RequestMapping,
  at: string,
  problems: Problems,
): CompiledRequestField[] {
  const declared = REQUEST_VARIABLES[command];
  const known = new Set(declared);
  return Object.entries(mapping).flatMap(([path, raw]): CompiledRequestField[] => {
    const spec =
      typeof raw === 'object' ? raw : { value: raw, whenMissing: 'omit' as const, required: false };
    const here = `${at}.${path}`;
    if (spec.whenMissing === 'empty' && spec.type !== undefined && spec.type !== 'string') {
      problems.add(
        here,
        `a field of type ${spec.type} cannot be sent empty; use whenMissing: omit`,
      );
    }
    let template: Template | undefined;
    if (typeof spec.value === 'string') {
      try {
        template = parseTemplate(spec.value);
      } catch (error) {
        problems.add(here, (error as TemplateSyntaxError).message);
        return [];
      }
      for (const name of undeclaredVariables(template, known))
        problems.add(here, unknownName(name, 'variable', declared));
      const lists = listDepth(path);
      const sole = soleSlot(template);
      if (lists > 0 && (sole?.length !== 1 || listDepth(sole[0] ?? '') !== lists)) {
        problems.add(
          here,
          `a field inside ${lists} list(s) takes one variable crossing as many, e.g. "{message.attachments[].name}"`,
        );
      }
      if (lists === 0 && template.variables.some((name) => listDepth(name) > 0)) {
        problems.add(here, 'a list variable fills a field whose path crosses the same lists');
      }
    }
    // A string without placeholders is a constant: its text, with "{{" and "}}" unescaped.
    const variable = template !== undefined && template.variables.length > 0;
    const constant =
      template === undefined ? spec.value : (renderTemplate(template, () => undefined) as string);
    return [
      {
        path,
        template: variable ? template : undefined,
        constant: variable ? undefined : constant,
        type: spec.type,
        map: spec.map,
        whenMissing: spec.whenMissing,
        required: spec.required,
        placement: spec.in,
      },
    ];
  });
}

function compileAnswer(
  mapping: AnswerMapping,
  known: readonly string[],
  at: string,
  problems: Problems,
): CompiledAnswerField[] {
  return Object.entries(mapping).flatMap(([ours, raw]) => {
    if (!known.includes(ours)) {
      problems.add(`${at}.${ours}`, unknownName(ours, 'field', known));
      return [];
    }
    const spec = typeof raw === 'string' ? { from: raw, map: undefined } : raw;
    if (listDepth(ours) !== listDepth(spec.from)) {
      problems.add(`${at}.${ours}`, `"${ours}" and "${spec.from}" must cross the same lists`);
      return [];
    }
    return [{ ours, theirs: spec.from, map: spec.map }];
  });
}

function compileFailure(profile: FailureSpec, own: FailureSpec | undefined): CompiledFailure {
  return {
    result: own?.result ?? profile.result ?? DEFAULT_RESULT_FIELD,
    code: own?.code ?? profile.code,
    message: own?.message ?? profile.message,
    codes: { ...profile.codes, ...own?.codes },
  };
}

function compileEvents(
  binding: OperationBinding,
  at: string,
  problems: Problems,
): CompiledEvents | undefined {
  const events = binding.events;
  if (!events) return undefined;
  return {
    list: events.list,
    common: compileAnswer(events.fields, EVENT_COMMON_FIELDS, `${at}.events.fields`, problems),
    kind: events.kind,
    kinds: (Object.entries(events.kinds) as [EventKind, EventKindSpec][]).map(([kind, spec]) => ({
      kind,
      match: spec.match ?? kind,
      fields: compileAnswer(
        spec.fields,
        EVENT_FIELDS[kind],
        `${at}.events.kinds.${kind}.fields`,
        problems,
      ),
    })),
  };
}

function compileOperation(
  command: ConnectorCommand,
  binding: OperationBinding,
  profile: ContractProfile,
  problems: Problems,
): CompiledOperation {
  const at = `operations.${command}`;
  if (EVENT_COMMANDS.has(command) && binding.events === undefined)
    problems.add(
      `${at}.events`,
      `${command} needs "events": where the events are and how to read them`,
    );
  if (!EVENT_COMMANDS.has(command) && binding.events !== undefined)
    problems.add(`${at}.events`, `${command} carries no events`);
  if (command === 'notifyEvents' && Object.keys(binding.request).length > 0)
    problems.add(`${at}.request`, 'TVox calls notifyEvents: describe what it sends under "answer"');
  return {
    command,
    name: binding.operation,
    guess: binding.guess,
    note: binding.note,
    request: compileRequest(command, binding.request, `${at}.request`, problems),
    answer: compileAnswer(binding.answer, ANSWER_FIELDS[command], `${at}.answer`, problems),
    failure: compileFailure(profile.failure, binding.failure),
    events: compileEvents(binding, at, problems),
    rest: binding.rest,
  };
}

/**
 * Checks a validated profile against the command catalogue (variables, answer fields, lists,
 * events) and compiles it. Returns every problem found, with its path in the profile, or the
 * compiled profile.
 */
export function compileProfile(
  profile: ContractProfile,
):
  | { readonly ok: true; readonly profile: CompiledProfile }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] } {
  const problems = new Problems();
  const operations: Partial<Record<ConnectorCommand, CompiledOperation>> = {};
  for (const command of CONNECTOR_COMMANDS) {
    const binding = profile.operations[command];
    if (binding) operations[command] = compileOperation(command, binding, profile, problems);
  }
  if (!operations.openSession)
    problems.add('operations.openSession', 'every release needs an operation that opens a session');
  if (problems.issues.length > 0) return { ok: false, issues: problems.issues };
  return {
    ok: true,
    profile: {
      name: profile.name,
      description: profile.description,
      soapNamespace: profile.soap.namespace,
      restBase: profile.rest.base,
      operations,
    },
  };
}
