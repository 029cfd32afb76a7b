import { InvalidInputError } from '../errors/input-errors.js';
import { remoteRejection, TransportCallError } from '../errors/transport-errors.js';
import { formatIssues, validate } from '../errors/validation-issue.js';
import { textOf } from '../template/template.js';
import { ANSWER_SCHEMAS, type AnswerOf } from './answers.js';
import type { ConnectorCommand } from './command-catalogue.js';
import type { CompiledOperation } from './compiled-profile.js';
import { ownValue, readPath } from './field-path.js';
import { mapFields, readEvents, type ReadEvents } from './read-events.js';

/** What one answer said, read into the connector's terms. */
export type ReadAnswer<C extends ConnectorCommand> = AnswerOf<C> & Partial<ReadEvents>;

/** Context for naming what went wrong. */
export interface AnswerContext {
  /** The session the call was about, so that "unknown session" names it. */
  readonly sessionId?: string;
  /** The HTTP status the answer came with, for error details. */
  readonly status?: number;
}

function outcomeOf(operation: CompiledOperation, content: unknown): unknown {
  return readPath(content, operation.failure.result);
}

/** Whether `content` reads as an answer of `operation` (it carries the outcome field). */
export function hasOutcome(operation: CompiledOperation, content: unknown): boolean {
  return outcomeOf(operation, content) !== undefined;
}

/**
 * Reads one answer's content (the children of the SOAP wrapper's `<return>`, or the JSON object)
 * the way the profile says: `SUCCESS` gives the command's answer, checked; `FAILED` throws the
 * typed rejection its failure code means; anything else is a bad response. Shared by every
 * transport, so "TVox said no" and "the answer was unreadable" mean the same over SOAP and REST.
 */
export function readAnswer<C extends ConnectorCommand>(
  operation: CompiledOperation & { readonly command: C },
  content: unknown,
  context: AnswerContext = {},
): ReadAnswer<C> {
  const { command, failure } = operation;
  if (typeof content !== 'object' || content === null || Array.isArray(content))
    throw new TransportCallError(
      command,
      'bad-response',
      'the answer has no content',
      context.status,
    );
  const outcome = outcomeOf(operation, content);
  if (outcome === 'FAILED') {
    const code = failure.code === undefined ? undefined : readPath(content, failure.code);
    const message = failure.message === undefined ? undefined : readPath(content, failure.message);
    // A code may arrive as a number (JSON) where the profile lists it as text.
    const remoteCode =
      typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
    const meaning = remoteCode === undefined ? undefined : ownValue(failure.codes, remoteCode);
    throw remoteRejection(
      command,
      remoteCode,
      typeof message === 'string' ? message : undefined,
      meaning ?? 'rejected',
      context.sessionId,
    );
  }
  if (outcome !== 'SUCCESS') {
    throw new TransportCallError(
      command,
      'bad-response',
      outcome === undefined
        ? `the answer has no ${failure.result}`
        : `unexpected ${failure.result} "${textOf(outcome)}"`,
      context.status,
    );
  }
  const checked = validate(ANSWER_SCHEMAS[command], mapFields(operation.answer, content));
  if (!checked.ok) {
    throw new TransportCallError(
      command,
      'bad-response',
      `unexpected answer:\n${formatIssues(checked.issues)}`,
      context.status,
    );
  }
  const events = operation.events === undefined ? {} : readEvents(operation.events, content);
  return { ...(checked.value as AnswerOf<C>), ...events };
}

/**
 * Reads a push TVox sent the connector's callback (`notifyEvents`): the connector code it names,
 * when the release sends one, and its events. Throws `InvalidInputError` when the push's own
 * fields are unreadable; events that cannot be read are returned apart.
 */
export function readPush(
  operation: CompiledOperation,
  content: unknown,
): AnswerOf<'notifyEvents'> & ReadEvents {
  const checked = validate(ANSWER_SCHEMAS.notifyEvents, mapFields(operation.answer, content));
  if (!checked.ok) throw new InvalidInputError(operation.name, checked.issues);
  // The profile's check makes every notifyEvents binding say where its events are.
  const events = operation.events
    ? readEvents(operation.events, content)
    : { events: [], unreadable: [] };
  return { ...checked.value, ...events };
}
