/**
 * Writes a `notifyEvents` SOAP envelope as TVox would push it, independently of the code under
 * test: fields in the given order, lists as repeated elements, text escaped, and events in the
 * relay contract's structural form.
 */

/** Element content: text, repeated elements, or child elements by name. */
type Value = string | number | boolean | Value[] | Fields;
interface Fields {
  readonly [key: string]: Value | undefined;
}

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function children(record: Fields): string {
  return Object.entries(record)
    .map(([name, value]) => element(name, value))
    .join('');
}

function element(name: string, value: Value | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (typeof value === 'object') return `<${name}>${children(value)}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

/** The fields every event kind has; they stay on the event element. */
const COMMON_EVENT_FIELDS = new Set(['sequence', 'sessionId', 'at']);

/**
 * An event given flat with its `type` (a `TvoxEvent`, say), as the relay contract carries it:
 * the common fields, then one child named after the kind holding the others. An event without a
 * `type` is written as given.
 */
function structural(event: Value): Value {
  if (typeof event !== 'object' || Array.isArray(event)) return event;
  const { type, ...fields } = event;
  if (typeof type !== 'string') return event;
  const entries = Object.entries(fields);
  return {
    ...Object.fromEntries(entries.filter(([name]) => COMMON_EVENT_FIELDS.has(name))),
    [type]: Object.fromEntries(entries.filter(([name]) => !COMMON_EVENT_FIELDS.has(name))),
  };
}

/** Options of {@link notifyEnvelope}. */
export interface EnvelopeOptions {
  readonly operation?: string;
  readonly namespace?: string;
}

/**
 * A SOAP 1.1 envelope around `<ns:{operation}>` holding `content`'s fields, unqualified; each of
 * its `events` given with a `type` is written structurally.
 */
export function notifyEnvelope(content: Fields, options: EnvelopeOptions = {}): string {
  const operation = options.operation ?? 'notifyEvents';
  const namespace = options.namespace ?? 'http://mc.tvox-connector.org/';
  const { events } = content;
  const written = Array.isArray(events) ? { ...content, events: events.map(structural) } : content;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<t:${operation} xmlns:t="${namespace}">${children(written)}</t:${operation}>` +
    '</soap:Body></soap:Envelope>'
  );
}
