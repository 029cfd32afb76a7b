import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/**
 * Reads the contract files and rewrites their addresses for the server at `baseUrl`, as CXF does
 * with the Host of each request: the WSDL imports its schema from `…/mc/cxf/soap?xsd=1`.
 */
export function publishContract(baseUrl: string): PublishedContract {
  const read = (file: string): string => readFileSync(file, 'utf8');
  return {
    wsdl: read(CONTRACT_FILES.wsdl)
      .replace('schemaLocation="tvox-mc-v1.xsd"', `schemaLocation="${baseUrl}/mc/cxf/soap?xsd=1"`)
      .replaceAll('http://localhost:8080/mc/cxf/soap', `${baseUrl}/mc/cxf/soap`),
    xsd: read(CONTRACT_FILES.xsd),
    wadl: read(CONTRACT_FILES.wadl).replaceAll(
      'http://localhost:8080/mc/cxf/rest',
      `${baseUrl}/mc/cxf/rest`,
    ),
  };
}
