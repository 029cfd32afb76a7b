import { TvoxEvent } from '../contract/events.js';
import { textOf } from '../template/template.js';
import { formatIssues, validate } from '../errors/validation-issue.js';
import { numberFromText } from './answers.js';
import type { CompiledAnswerField, CompiledEvents } from './compiled-profile.js';
import { asList, ownValue, readPath, writePath } from './field-path.js';

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
    const map = field.map;
    const mapOne = (v: unknown) =>
      map !== undefined && typeof v === 'string' ? (ownValue(map, v) ?? v) : v;
    const mapped = Array.isArray(value) ? value.map(mapOne) : mapOne(value);
    writePath(into, field.ours, mapped);
  }
  return into;
}

/** An attribute `xsi:type` under whatever prefix the document binds the XSI namespace to. */
const XSI_TYPE_ATTRIBUTE = /^[A-Za-z_][\w.-]*:type$/;

/** The local name of a QName as written (`tns:statusChangedEvent` → `statusChangedEvent`). */
const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/**
 * The local name of an event element's `xsi:type`, or of Jackson's `@type` property. node soap
 * keeps an element's attributes under `$attributes`, named as written, with the namespace
 * declarations left out (`{ 'xsi:type': 'ns2:statusChangedEvent' }`); since the prefix cannot be
 * resolved there, any prefixed `type` attribute is taken for the XSI one.
 */
function xsiType(element: Record<string, unknown>): string | undefined {
  // An object of texts, when node soap read any attribute.
  const attributes = element.$attributes as Readonly<Record<string, unknown>> | undefined;
  const written = attributes
    ? Object.entries(attributes).find(([name]) => XSI_TYPE_ATTRIBUTE.test(name))?.[1]
    : element['@type'];
  return typeof written === 'string' ? localName(written) : undefined;
}

function kindOf(spec: CompiledEvents, element: Record<string, unknown>) {
  return spec.kinds.find((kind) => {
    switch (spec.kind.by) {
      case 'child': {
        // Present even when empty: a kind with no fields of its own is an empty element.
        const child = ownValue(element, kind.match);
        return child !== undefined && child !== null;
      }
      case 'field':
        // A JSON discriminator may be a number: compared as text, as the profile writes it.
        return textOf(readPath(element, spec.kind.field)) === kind.match;
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
  // An epoch may be a number in JSON; it is compared as text.
  if (common.epoch !== undefined && common.epoch !== null) common.epoch = textOf(common.epoch);
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
