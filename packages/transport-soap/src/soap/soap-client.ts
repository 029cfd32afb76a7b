import {
  TransportCallError,
  isTvoxError,
  type NodeSoapCallOptions,
  type TvoxHttpClient,
} from '@tvox-connector/core';
import {
  createClientAsync,
  type Client,
  type IHttpClient,
  type IOptions,
  type ISecurity,
} from 'soap';
import type { WsdlOperation } from '../wsdl/wsdl-operations.js';
import { soapFailure } from './soap-failure.js';

/** How to load a WSDL with node soap. */
export interface SoapClientOptions {
  /** The HTTP layer for the WSDL, its imports and the calls. */
  readonly http: TvoxHttpClient;
  /** Where calls go, whatever the WSDL's `soap:address` says; the WSDL's when absent. */
  readonly endpoint?: string;
  /** WS-Security header, if configured. */
  readonly security?: ISecurity;
  /** Rewrites the URL of each description document before it is fetched. */
  readonly rebase?: (url: string) => string;
}

/** Dates stay the text TVox sent (node soap would make `Date`s, losing the offset written). */
const keepText = (text: string): string => text;

/**
 * node soap options: `attributes` is a contract field, so XML attributes get another key; texts
 * keep their whitespace; the WSDL is loaded afresh each time (no process-wide cache keyed by URL).
 */
function nodeSoapOptions(options: SoapClientOptions): IOptions {
  return {
    // node soap ignores what `request` returns; its declared type (an axios promise) does not apply.
    httpClient: options.http.forNodeSoap(options.rebase) as unknown as IHttpClient,
    attributesKey: '$attributes',
    preserveWhitespace: true,
    disableCache: true,
    customDeserializer: { dateTime: keepText, date: keepText, time: keepText },
  };
}

/**
 * Loads the WSDL at `source` (URL or file) with its imported schemas. A source that cannot be
 * read fails with a retryable `TransportCallError`; an answer other than 200 with its status.
 */
export async function loadSoapClient(source: string, options: SoapClientOptions): Promise<Client> {
  let client: Client;
  try {
    client = await createClientAsync(source, nodeSoapOptions(options), options.endpoint);
  } catch (error) {
    if (isTvoxError(error)) throw error;
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    throw new TransportCallError(
      'loadDescription',
      typeof code === 'string' ? 'connection' : 'bad-response',
      `cannot load the WSDL ${source}: ${message}`,
      undefined,
      { cause: error },
    );
  }
  if (options.security) client.setSecurity(options.security);
  return client;
}

/** node soap's callback-style operation method. */
type SoapMethod = (
  args: unknown,
  callback: (error: unknown, result: unknown) => void,
  options: NodeSoapCallOptions,
) => void;

/** node soap defines `client[service][port][operation]`; its types leave them `any`. */
function methodOf(client: Client, operation: WsdlOperation): SoapMethod {
  const services = client as unknown as Record<
    string,
    Record<string, Record<string, SoapMethod | undefined> | undefined> | undefined
  >;
  const method = services[operation.service]?.[operation.port]?.[operation.name];
  if (typeof method !== 'function') {
    throw new TransportCallError(
      operation.name,
      'bad-response',
      `node soap defined no method for ${operation.service}.${operation.port}.${operation.name}`,
    );
  }
  return method;
}

/**
 * Calls one WSDL operation for `command`: node soap writes the envelope from `args` as the WSDL
 * orders and qualifies it, posts it through our HTTP layer and reads the answer. Resolves with the
 * answer wrapper's content as node soap parsed it; rejects with core's errors (see `soapFailure`).
 */
export function invokeOperation(
  client: Client,
  operation: WsdlOperation,
  args: unknown,
  options: NodeSoapCallOptions & { readonly command: string },
): Promise<unknown> {
  const method = methodOf(client, operation);
  return new Promise((resolve, reject) => {
    method(
      args,
      (error, result) => {
        if (error) reject(soapFailure(options.command, error));
        else resolve(result);
      },
      options,
    );
  });
}
