import {
  CONTRACT_OPERATIONS,
  NotifyEventsInput,
  PollEventsOutput,
  StatusChangedEvent,
  TvoxEvent,
} from '@tvox-connector/core';
import { z } from 'zod';

/**
 * Events as the relay contract carries them, SOAP and REST alike: the fields every kind has on
 * the event, then one member named after the kind holding the kind's own fields, as JAXB and
 * Jackson write a Java event type with a subtype per kind:
 * `{ sequence, sessionId, at, statusChanged: { status, … } }`. The engine keeps core's
 * `TvoxEvent` (discriminated by `type`); this is the one place that turns it into the wire's.
 */

/** The fields every event kind has; they stay on the event element. */
const COMMON_FIELDS = { sequence: true, sessionId: true, at: true } as const;
type CommonField = keyof typeof COMMON_FIELDS;

/** The fields of one kind of event that travel inside the kind's child. */
type OwnFields<E extends TvoxEvent> = Omit<E, 'type' | CommonField>;

/** An event on the wire: the common fields and exactly one kind member. */
export type WireEvent = Pick<TvoxEvent, CommonField> & {
  [K in TvoxEvent['type']]?: OwnFields<Extract<TvoxEvent, { type: K }>>;
};

/** A kind's own fields as an object schema (the kind's refinements are the engine's business). */
function ownFieldsSchema(shape: Readonly<Record<string, z.ZodType>>): z.ZodObject {
  return z.object(
    Object.fromEntries(
      Object.entries(shape).filter(([key]) => key !== 'type' && !(key in COMMON_FIELDS)),
    ),
  );
}

/**
 * The wire event's schema, in the order the XSD's `event` type gives its children: it drives how
 * SOAP writes an event, not a check (the engine's events are valid already).
 */
export const WireEvent = z.object({
  ...StatusChangedEvent.pick(COMMON_FIELDS).shape,
  ...Object.fromEntries(
    TvoxEvent.options.map((option) => [
      option.shape.type.value,
      ownFieldsSchema(option.shape).optional(),
    ]),
  ),
});

/** An engine event as the wire carries it. */
export function toWireEvent(event: TvoxEvent): WireEvent {
  const { type, sequence, sessionId, at, ...own } = event;
  return { sequence, sessionId, at, [type]: own };
}

/** A message that may carry engine events: a `pollEvents` answer, a `notifyEvents` push. */
interface WithEvents {
  readonly events?: readonly TvoxEvent[];
  readonly [field: string]: unknown;
}

/** `message` with its `events`, if it has any, as the wire carries them. */
export function withWireEvents<T extends WithEvents>(
  message: T,
): Omit<T, 'events'> & { events?: WireEvent[] } {
  const { events, ...rest } = message;
  return events === undefined ? rest : { ...rest, events: events.map(toWireEvent) };
}

/**
 * The relay contract's operations with their schemas as the wire carries them: core's, with the
 * events of `pollEvents` answers and `notifyEvents` pushes structural. SOAP writes by these.
 */
export const WIRE_OPERATIONS = {
  ...CONTRACT_OPERATIONS,
  pollEvents: {
    input: CONTRACT_OPERATIONS.pollEvents.input,
    output: PollEventsOutput.extend({ events: z.array(WireEvent).optional() }),
  },
  notifyEvents: {
    input: NotifyEventsInput.extend({ events: z.array(WireEvent).min(1) }),
    output: CONTRACT_OPERATIONS.notifyEvents.output,
  },
} as const;
