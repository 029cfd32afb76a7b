import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SimulatorProfile } from './config/simulator-config.js';
import type { OperationMap } from './soap/release-names.js';

/** The folder holding the contract files (`contract/` in this package). */
export const CONTRACT_DIR = join(__dirname, '..', 'contract');

/** A profile's WSDL, the schema it imports, and its WADL, as files. */
export interface ContractFiles {
  readonly wsdl: string;
  readonly xsd: string;
  readonly wadl: string;
}

/** The reference contract "tvox-mc v1" (profile `tvox-mc-relay`), as files. */
export const CONTRACT_FILES: ContractFiles = {
  wsdl: join(CONTRACT_DIR, 'tvox-mc-relay.wsdl'),
  xsd: join(CONTRACT_DIR, 'tvox-mc-relay.xsd'),
  wadl: join(CONTRACT_DIR, 'tvox-mc-relay.wadl'),
};

/** The documented TVox MultiChannel Connector 1.0 (profile `mcc-1.0`), as files. */
export const MCC_CONTRACT_FILES: ContractFiles = {
  wsdl: join(CONTRACT_DIR, 'mcc-1.0', 'mcc-1.0.wsdl'),
  xsd: join(CONTRACT_DIR, 'mcc-1.0', 'mcc-1.0.xsd'),
  wadl: join(CONTRACT_DIR, 'mcc-1.0', 'mcc-1.0.wadl'),
};

/** The files each profile serves. */
export const PROFILE_CONTRACT_FILES: Readonly<Record<SimulatorProfile, ContractFiles>> = {
  'tvox-mc-relay': CONTRACT_FILES,
  'mcc-1.0': MCC_CONTRACT_FILES,
};

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
 * Reads a profile's contract files and rewrites their addresses for the server at `baseUrl`, as
 * CXF does with the Host of each request: the WSDL imports its schema from `…/mc/cxf/soap?xsd=1`.
 */
export function publishContract(
  baseUrl: string,
  profile: SimulatorProfile = 'tvox-mc-relay',
): PublishedContract {
  const files = PROFILE_CONTRACT_FILES[profile];
  const read = (file: string): string => readFileSync(file, 'utf8');
  return {
    wsdl: importFromServer(read(files.wsdl), files.xsd, baseUrl).replaceAll(
      'http://localhost:8080/mc/cxf/soap',
      `${baseUrl}/mc/cxf/soap`,
    ),
    xsd: read(files.xsd),
    // The mcc-1.0 base, /mc/cxf/rest/json, is rewritten by the same prefix.
    wadl: read(files.wadl).replaceAll(
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
