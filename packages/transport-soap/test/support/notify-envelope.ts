/**
 * Writes a `notifyEvents` SOAP envelope as TVox would push it, independently of the code under
 * test: fields in the given order, lists as repeated elements, text escaped.
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

/** Options of {@link notifyEnvelope}. */
export interface EnvelopeOptions {
  readonly operation?: string;
  readonly namespace?: string;
}

/** A SOAP 1.1 envelope around `<ns:{operation}>` holding `content`'s fields, unqualified. */
export function notifyEnvelope(content: Fields, options: EnvelopeOptions = {}): string {
  const operation = options.operation ?? 'notifyEvents';
  const namespace = options.namespace ?? 'http://mc.tvox-connector.org/';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<t:${operation} xmlns:t="${namespace}">${children(content)}</t:${operation}>` +
    '</soap:Body></soap:Envelope>'
  );
}
