import { createHash } from 'node:crypto';
import { safeEqual } from '@tvox-connector/core';
import { renameFields, type FieldRenames } from './release-names.js';
import XMLBuilder from 'fast-xml-builder';
import { XMLParser } from 'fast-xml-parser';
import type { z } from 'zod';
import { unqualifiedWrapper } from './unqualified-children.js';
import { toXml, type XmlElement, type XmlNode } from './xml-mapping.js';

/** Namespace of the reference contract's WSDL. */
export const REFERENCE_NAMESPACE = 'http://mc.tvox-connector.org/';
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE_PASSWORD_DIGEST =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

/** A SOAP message that cannot be read; answered with a `soap:Client` fault. */
export class SoapClientFault extends Error {
  override readonly name = 'SoapClientFault';
}

/** WS-Security UsernameToken credentials found in a request header. */
export interface UsernameToken {
  readonly username: string;
  readonly password: string;
  readonly digest: boolean;
  readonly nonce?: string;
  readonly created?: string;
}

/** A SOAP request body, read: the operation (the wrapper's local name) and its element. */
export interface SoapRequest {
  readonly operation: string;
  readonly wrapper: XmlElement;
  /** The operation element's namespace (`''` for none), when its children are read unqualified. */
  readonly namespace?: string;
  readonly usernameToken?: UsernameToken;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Message texts keep their whitespace exactly.
  trimValues: false,
  // Character references (`&#xA;`, `&#233;`), which some SOAP stacks write, are decoded too;
  // without it only the five predefined entities are.
  htmlEntities: true,
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
});

function element(node: XmlNode): XmlElement | undefined {
  return typeof node === 'object' && !Array.isArray(node) ? node : undefined;
}

function text(node: XmlNode): string | undefined {
  const el = element(node);
  if (el) return typeof el['#text'] === 'string' ? el['#text'] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** How the operation element's children are read. */
export interface EnvelopeReading {
  /**
   * `any` (the default) takes every child by its local name; `unqualified` keeps only children in
   * no namespace and drops the others, as a JAXB wrapper with unqualified children does.
   */
  readonly children?: 'any' | 'unqualified';
}

/**
 * Reads a SOAP 1.1 envelope. Refuses DTDs outright (no external entities, no entity expansion),
 * as CXF does, and anything that is not an envelope with one body element.
 */
export function parseSoapEnvelope(xml: string, reading: EnvelopeReading = {}): SoapRequest {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new SoapClientFault('DOCTYPE is not allowed in a SOAP message');
  let tree: XmlElement;
  try {
    tree = parser.parse(xml, true) as XmlElement;
  } catch (error) {
    throw new SoapClientFault(`unreadable XML: ${(error as Error).message}`);
  }
  const envelope = element(tree.Envelope);
  const body = element(envelope?.Body);
  if (!envelope || !body) throw new SoapClientFault('expected a SOAP 1.1 Envelope with a Body');
  const names = Object.keys(body).filter((name) => !name.startsWith('@_') && name !== '#text');
  const operation = names[0];
  const wrapper = operation === undefined ? undefined : (element(body[operation]) ?? {});
  if (operation === undefined || names.length !== 1 || !wrapper) {
    throw new SoapClientFault('expected exactly one operation element in the SOAP Body');
  }
  const token = usernameToken(element(envelope.Header));
  const qualified =
    reading.children === 'unqualified' ? unqualifiedWrapper(xml, operation) : undefined;
  return {
    operation,
    ...(qualified ? { wrapper: qualified.children, namespace: qualified.namespace } : { wrapper }),
    ...(token ? { usernameToken: token } : {}),
  };
}

function usernameToken(header: XmlElement | undefined): UsernameToken | undefined {
  const token = element(element(header?.Security)?.UsernameToken);
  const username = text(token?.Username);
  const password = text(token?.Password);
  if (!token || username === undefined || password === undefined) return undefined;
  const nonce = text(token.Nonce);
  const created = text(token.Created);
  return {
    username,
    password,
    digest: element(token.Password)?.['@_Type'] === WSSE_PASSWORD_DIGEST,
    ...(nonce === undefined ? {} : { nonce }),
    ...(created === undefined ? {} : { created }),
  };
}

/** Whether a UsernameToken proves knowledge of `password` (PasswordText or PasswordDigest). */
export function verifyUsernameToken(token: UsernameToken, password: string): boolean {
  if (!token.digest) return safeEqual(token.password, password);
  if (token.nonce === undefined || token.created === undefined) return false;
  const expected = createHash('sha1')
    .update(
      Buffer.concat([Buffer.from(token.nonce, 'base64'), Buffer.from(token.created + password)]),
    )
    .digest('base64');
  return safeEqual(expected, token.password);
}

function envelope(body: XmlElement): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    builder.build({
      'soap:Envelope': { '@_xmlns:soap': SOAP_ENV, 'soap:Body': body },
    })
  );
}

/** How a message is named in a TVox release other than the reference contract. */
export interface MessageNaming {
  /** Namespace of the wrapper element; the reference contract's by default. */
  readonly namespace?: string;
  /** Field renames (reference path → release path) applied to the content. */
  readonly renames?: FieldRenames;
}

/**
 * A document/literal wrapped message: `<ns2:{name} xmlns:ns2=...>` holding `content` written as
 * `schema` orders it, optionally nested in `<return>` (how CXF wraps outputs), with its fields
 * renamed for a release when `naming` says so.
 */
export function soapMessage(
  name: string,
  schema: z.ZodType,
  content: unknown,
  inReturn: boolean,
  naming: MessageNaming = {},
): string {
  const written = toXml(schema, content) as XmlElement;
  const body = naming.renames ? renameFields(written, naming.renames, 'toRelease') : written;
  return envelope({
    [`ns2:${name}`]: {
      '@_xmlns:ns2': naming.namespace ?? REFERENCE_NAMESPACE,
      ...(inReturn ? { return: body } : body),
    },
  });
}

/** A SOAP 1.1 fault. */
export function soapFault(code: 'Client' | 'Server', message: string): string {
  return envelope({ 'soap:Fault': { faultcode: `soap:${code}`, faultstring: message } });
}
