import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { OperationMap } from './soap/release-names.js';

/** The folder holding the reference contract files (`contract/` in this package). */
export const CONTRACT_DIR = join(__dirname, '..', 'contract');

/** The reference WSDL, its schema and the WADL, as files. */
export const CONTRACT_FILES = {
  wsdl: join(CONTRACT_DIR, 'tvox-mc-v1.wsdl'),
  xsd: join(CONTRACT_DIR, 'tvox-mc-v1.xsd'),
  wadl: join(CONTRACT_DIR, 'tvox-mc-v1.wadl'),
} as const;

/** The description documents with their addresses pointing at `baseUrl` (scheme://host:port). */
export interface PublishedContract {
  readonly wsdl: string;
  readonly xsd: string;
  readonly wadl: string;
}

/** Rewrites a WSDL's schema import to the absolute `?xsd=1` URL of the server at `baseUrl`. */
function importFromServer(wsdl: string, xsdFile: string, baseUrl: string): string {
  return wsdl.replace(
    `schemaLocation="${basename(xsdFile)}"`,
    `schemaLocation="${baseUrl}/mc/cxf/soap?xsd=1"`,
  );
}

/**
 * Reads the contract files and rewrites their addresses for the server at `baseUrl`, as CXF does
 * with the Host of each request: the WSDL imports its schema from `…/mc/cxf/soap?xsd=1`.
 */
export function publishContract(baseUrl: string): PublishedContract {
  const read = (file: string): string => readFileSync(file, 'utf8');
  return {
    wsdl: importFromServer(read(CONTRACT_FILES.wsdl), CONTRACT_FILES.xsd, baseUrl).replaceAll(
      'http://localhost:8080/mc/cxf/soap',
      `${baseUrl}/mc/cxf/soap`,
    ),
    xsd: read(CONTRACT_FILES.xsd),
    wadl: read(CONTRACT_FILES.wadl).replaceAll(
      'http://localhost:8080/mc/cxf/rest',
      `${baseUrl}/mc/cxf/rest`,
    ),
  };
}

/**
 * A TVox release whose SOAP names differ from the reference contract: its WSDL and schema files
 * (the WSDL imports the schema by its file name), and the operation map from the reference names
 * to the release's.
 */
export interface SoapRelease {
  readonly wsdlFile: string;
  readonly xsdFile: string;
  readonly operationMap: OperationMap;
}

/** The namespace of a release's messages: the map's, else the WSDL's `targetNamespace`. */
export function releaseNamespace(release: SoapRelease): string {
  const wsdl = readFileSync(release.wsdlFile, 'utf8');
  const namespace =
    release.operationMap.namespace ??
    /<(?:\w+:)?definitions\b[^>]*\btargetNamespace="([^"]+)"/.exec(wsdl)?.[1];
  if (namespace === undefined) {
    throw new Error(`${release.wsdlFile} has no targetNamespace and the operation map names none`);
  }
  return namespace;
}

/**
 * Reads a release's files and rewrites them for the server at `baseUrl`: the schema imported from
 * `?xsd=1`, every `soap:address` ending in `/mc/cxf/soap` pointed at this server.
 */
export function publishRelease(
  release: SoapRelease,
  baseUrl: string,
): Pick<PublishedContract, 'wsdl' | 'xsd'> {
  const wsdl = readFileSync(release.wsdlFile, 'utf8');
  return {
    wsdl: importFromServer(wsdl, release.xsdFile, baseUrl).replace(
      /location="[^"]*\/mc\/cxf\/soap"/g,
      `location="${baseUrl}/mc/cxf/soap"`,
    ),
    xsd: readFileSync(release.xsdFile, 'utf8'),
  };
}
