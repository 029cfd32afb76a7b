import {
  pushStatus,
  writePath,
  type CompiledFailure,
  type HttpAnswer,
  type PushCodec,
  type PushOutcome,
} from '@tvox-connector/core';
import { XMLParser } from 'fast-xml-parser';
import { soapEnvelope, xmlElement, type XmlContent } from './soap-xml.js';

/** How this TVox release names the callback, as the transport resolved it at start. */
export interface PushNames {
  /** The callback operation's name (`notifyEvents` in the relay contract). */
  readonly operation: string;
  /** Namespace of the answer's wrapper element. */
  readonly namespace: string;
  /** The element the answer's fields are nested in (`return`), if any. */
  readonly outputWrapper: string | undefined;
  /** Whether the answer's children are in the namespace too (`elementFormDefault="qualified"`). */
  readonly qualified: boolean;
  /** Where the answer's outcome field is. */
  readonly failure: CompiledFailure;
}

// Element prefixes are dropped: the wrapper is recognised by its local name, in any namespace.
// Attributes are kept under `$attributes` with their prefixes, as node soap keeps them for
// answers, so that the profile reads an event's `xsi:type` the same way in a push; a nil element
// (only attributes) reads as missing.
const parser = new XMLParser({
  transformTagName: (name) => name.slice(name.indexOf(':') + 1),
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$attributes',
  textNodeName: '$value',
  parseTagValue: false,
  parseAttributeValue: false,
  // Message texts keep their whitespace exactly.
  trimValues: false,
  // Character references (`&#xD;`, `&#233;`), which Java stacks write for some characters, are
  // decoded too; without it only the five predefined entities are.
  htmlEntities: true,
});

function child(node: unknown, name: string): unknown {
  return typeof node === 'object' && node !== null
    ? (node as Record<string, unknown>)[name]
    : undefined;
}

/** The same content with every element name prefixed (qualified children). */
function prefixed(content: XmlContent, prefix: string): XmlContent {
  if (typeof content === 'string') return content;
  return Object.fromEntries(
    Object.entries(content).map(([name, value]) => [`${prefix}${name}`, prefixed(value, prefix)]),
  );
}

const FAULT_CODES: Readonly<Record<Exclude<PushOutcome, 'accepted'>, 'Client' | 'Server'>> = {
  invalid: 'Client',
  tooLarge: 'Client',
  unsupportedMediaType: 'Client',
  unauthorized: 'Client',
  unavailable: 'Server',
};

/**
 * The SOAP half of TVox's push callback: reads the callback's wrapper element out of a SOAP 1.1
 * envelope (the profile reads its content) and answers SOAP envelopes, `notifyEventsResponse`
 * with `result: SUCCESS` once the events are stored, a SOAP 1.1 fault otherwise (with core's HTTP
 * status for the outcome: 400, 401, 413, 415 for a SOAP 1.2 `application/soap+xml` request, 503). `names` is read at each push, so the profile bound at
 * start applies.
 */
export function soapPushCodec(names: () => PushNames): PushCodec {
  return {
    // SOAP 1.1 only, as a Java-first CXF service: SOAP 1.2's application/soap+xml gets 415.
    contentTypes: ['text/xml'],
    decode(rawBody) {
      const xml = rawBody.toString('utf8');
      // Refused before parsing: no external entities, no entity expansion (XXE, billion laughs).
      if (/<!DOCTYPE|<!ENTITY/i.test(xml))
        throw new Error('DOCTYPE and ENTITY declarations are not allowed');
      const tree: unknown = parser.parse(xml, true);
      const { operation } = names();
      const wrapper = child(child(child(tree, 'Envelope'), 'Body'), operation);
      if (typeof wrapper !== 'object' || wrapper === null)
        throw new Error(`expected a ${operation} element in the Body of a SOAP 1.1 Envelope`);
      return wrapper;
    },
    answer(outcome, message): HttpAnswer {
      const status = pushStatus(outcome);
      const contentType = 'text/xml; charset=utf-8';
      if (outcome !== 'accepted') {
        const fault = xmlElement('soap:Fault', {
          faultcode: `soap:${FAULT_CODES[outcome]}`,
          faultstring: message,
        });
        return { status, contentType, body: soapEnvelope(fault) };
      }
      const { operation, namespace, outputWrapper, failure, qualified } = names();
      const fields: Record<string, XmlContent> = {};
      writePath(fields, failure.result, 'SUCCESS');
      const content = outputWrapper === undefined ? fields : { [outputWrapper]: fields };
      const response = xmlElement(
        `ns2:${operation}Response`,
        qualified ? prefixed(content, 'ns2:') : content,
        { 'xmlns:ns2': namespace },
      );
      return { status, contentType, body: soapEnvelope(response) };
    },
  };
}
