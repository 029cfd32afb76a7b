import { TvoxEvent } from '../contract/events.js';
import { formatIssues, validate } from '../errors/validation-issue.js';
import { numberFromText } from './answers.js';
import type { CompiledAnswerField, CompiledEvents } from './compiled-profile.js';
import { asList, readPath, writePath } from './field-path.js';

/** An event that could not be read: kept whole, with the reason, so it can be set aside. */
export interface UnreadableEvent {
  /** The event element as it arrived. */
  readonly raw: unknown;
  /** Why it could not be read. */
  readonly reason: string;
  /** Its sequence, when that much could be read. */
  readonly sequence?: number;
}

/** The events of an answer or push: the readable ones in order, and those set aside. */
export interface ReadEvents {
  readonly events: readonly TvoxEvent[];
  readonly unreadable: readonly UnreadableEvent[];
}

/** Applies answer fields from `source` into a new object (our paths), value maps included. */
export function mapFields(
  fields: readonly CompiledAnswerField[],
  source: unknown,
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const field of fields) {
    const value = readPath(source, field.theirs);
    const mapped =
      field.map === undefined
        ? value
        : Array.isArray(value)
          ? value.map((v: unknown) => (typeof v === 'string' ? (field.map?.[v] ?? v) : v))
          : typeof value === 'string'
            ? (field.map[value] ?? value)
            : value;
    writePath(into, field.ours, mapped);
  }
  return into;
}

/** The local name of an element's `xsi:type` (node soap keeps attributes under `$attributes`). */
function xsiType(element: Record<string, unknown>): string | undefined {
  const attributes = element.$attributes as Record<string, unknown> | undefined;
  const type = attributes?.['xsi:type'] ?? attributes?.type ?? element['@type'];
  if (typeof type === 'string') return type.slice(type.indexOf(':') + 1);
  const described = (attributes?.$xsiType as { type?: unknown } | undefined)?.type;
  return typeof described === 'string' ? described.slice(described.indexOf(':') + 1) : undefined;
}

function kindOf(spec: CompiledEvents, element: Record<string, unknown>) {
  return spec.kinds.find((kind) => {
    switch (spec.kind.by) {
      case 'child':
        // Present even when empty: a kind with no fields of its own is an empty element.
        return element[kind.match] !== undefined && element[kind.match] !== null;
      case 'field':
        return readPath(element, spec.kind.field) === kind.match;
      case 'xsiType':
        return xsiType(element) === kind.match;
    }
  });
}

/**
 * Reads one event element the way the profile describes it: the event, or why it cannot be read
 * (with its sequence when that much could be read).
 */
export function readEvent(spec: CompiledEvents, element: unknown): TvoxEvent | UnreadableEvent {
  if (typeof element !== 'object' || element === null || Array.isArray(element))
    return { raw: element, reason: 'an event is not an element with fields' };
  const record = element as Record<string, unknown>;
  const common = mapFields(spec.common, record);
  const sequence = numberFromText(common.sequence);
  const kind = kindOf(spec, record);
  const at = typeof sequence === 'number' ? { sequence } : {};
  if (!kind) return { raw: element, reason: 'the event is of no kind the profile knows', ...at };
  const event = mapFields(kind.fields, record, { type: kind.kind, ...common, sequence });
  if (event.attachments !== undefined) {
    // A list of one arrives as the element itself from XML; sizes arrive as text.
    const attachments = asList(event.attachments);
    for (const attachment of attachments) {
      if (typeof attachment === 'object' && attachment !== null)
        (attachment as Record<string, unknown>).size = numberFromText(
          (attachment as Record<string, unknown>).size,
        );
    }
    event.attachments = attachments;
  }
  const checked = validate(TvoxEvent, event);
  return checked.ok
    ? checked.value
    : { raw: element, reason: `unreadable ${kind.kind}:\n${formatIssues(checked.issues)}`, ...at };
}

/**
 * Reads the events of an answer or push the way the profile describes them: each element of the
 * list is told apart structurally (which child is present, its `xsi:type`, or a discriminator
 * field) and read into a {@link TvoxEvent}. One event that cannot be read never stops the others:
 * it is returned apart, with why.
 */
export function readEvents(spec: CompiledEvents, content: unknown): ReadEvents {
  const events: TvoxEvent[] = [];
  const unreadable: UnreadableEvent[] = [];
  const found = readPath(content, spec.list);
  for (const element of Array.isArray(found) ? found : []) {
    const read = readEvent(spec, element);
    if ('type' in read) events.push(read);
    else unreadable.push(read);
  }
  return { events, unreadable };
}
