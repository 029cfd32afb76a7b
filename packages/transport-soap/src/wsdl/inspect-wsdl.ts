import { TvoxHttpClient, type DescriptionAccess } from '@tvox-connector/core';
import { loadSoapClient } from '../soap/soap-client.js';
import { loadShippedProfiles, profileSkeleton } from '@tvox-connector/core';
import { readOperations, treePaths } from './wsdl-operations.js';

/** Options of {@link inspectWsdl}: how to reach the WSDL and its schema imports. */
export type InspectOptions = DescriptionAccess;

/** One operation of an inspected WSDL. */
export interface InspectedOperation {
  readonly service: string;
  readonly port: string;
  readonly name: string;
  /** Namespace of the request wrapper. */
  readonly namespace: string | undefined;
  /** Request field paths (`contact.name`, `message.attachments[].url`). */
  readonly input: readonly string[];
  /** Answer field paths, inside {@link outputWrapper} when there is one. */
  readonly output: readonly string[];
  /** The element the answer's fields are nested in (`return`), if any. */
  readonly outputWrapper: string | undefined;
}

/** What {@link inspectWsdl} found. */
export interface WsdlInspection {
  readonly source: string;
  readonly operations: readonly InspectedOperation[];
  /** A contract profile skeleton in YAML, to edit and name in `tvox.profile`. */
  readonly skeleton: string;
}

/**
 * Reads a WSDL (URL or file, with its imported schemas) and lists its operations with their
 * request and answer fields, plus a contract profile skeleton for it: it extends the shipped
 * profile whose operations match the most names, and marks what is left to decide (see core's
 * `profileSkeleton`). The `tvox-connector inspect` command prints the skeleton.
 * Throws `TransportCallError` when the WSDL cannot be fetched or read.
 */
export async function inspectWsdl(
  source: string,
  options: InspectOptions = {},
): Promise<WsdlInspection> {
  const http = TvoxHttpClient.forDescription(source, options);
  let described: unknown;
  try {
    described = (await loadSoapClient(source, { http })).describe();
  } finally {
    await http.close();
  }
  const operations = readOperations(described);
  return {
    source,
    operations: operations.map((o) => ({
      service: o.service,
      port: o.port,
      name: o.name,
      namespace: o.namespace,
      input: treePaths(o.input),
      output: treePaths(o.output),
      outputWrapper: o.outputWrapper,
    })),
    skeleton: profileSkeleton(
      source,
      operations.map((o) => ({
        name: o.name,
        summary: `(${Object.keys(o.input).join(', ')})`,
        fields: Object.keys(o.input).map((key) => key.replace(/\[\]$/, '')),
      })),
      await loadShippedProfiles(),
    ),
  };
}
