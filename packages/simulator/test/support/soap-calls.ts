/** Calling a simulator's SOAP endpoint from tests: through node `soap`, or as raw HTTP. */
import type * as soap from 'soap';
import { request } from 'undici';

/** What node `soap` hands back for a wrapped output: the `<return>` element's content. */
export interface SoapReturn {
  return: Record<string, unknown> & {
    result: string;
    events?: Record<string, unknown>[] | Record<string, unknown>;
  };
}
type SoapMethod = (input: unknown) => Promise<[SoapReturn, string]>;

/** Calls one operation through node `soap` and answers the content of its `<return>`. */
export async function call(
  client: soap.Client,
  operation: string,
  input: unknown,
): Promise<SoapReturn['return']> {
  const method = (client as unknown as Record<string, SoapMethod>)[`${operation}Async`];
  if (!method) throw new Error(`no operation ${operation} on the client`);
  const [output] = await method.call(client, input);
  return output.return;
}

/** POSTs `body` to the simulator's SOAP endpoint as it is, and answers the status and text. */
export async function rawSoap(
  url: string,
  body: string,
  contentType = 'text/xml; charset=utf-8',
  headers: Record<string, string> = {},
) {
  const response = await request(`${url}/mc/cxf/soap`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...headers },
  });
  return { status: response.statusCode, text: await response.body.text() };
}

/** A SOAP 1.1 envelope around `inner`, with `header` in its Header. */
export const envelope = (inner: string, header = '') =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>${header}</s:Header><s:Body>${inner}</s:Body></s:Envelope>`;
