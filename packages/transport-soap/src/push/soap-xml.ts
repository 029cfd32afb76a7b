/** SOAP 1.1 envelope namespace. */
export const SOAP_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for an XML element or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** What an element holds: text, or child elements by name (in insertion order). */
export type XmlContent = string | { readonly [name: string]: XmlContent };

/** Writes one element with escaped text or children; the small answers of the callback. */
export function xmlElement(
  name: string,
  content: XmlContent,
  attributes: Readonly<Record<string, string>> = {},
): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  const inner =
    typeof content === 'string'
      ? escapeXml(content)
      : Object.entries(content)
          .map(([child, value]) => xmlElement(child, value))
          .join('');
  return `<${name}${attrs}>${inner}</${name}>`;
}

/** A SOAP 1.1 envelope around one body element. */
export function soapEnvelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP_ENVELOPE_NAMESPACE}"><soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}
