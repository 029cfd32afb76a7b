import type { RunningSimulator } from './simulator.js';

/** What a command prints once a simulator is up: the profile and where each face of it is. */
export function endpointLines(simulator: Pick<RunningSimulator, 'url' | 'profile'>): string[] {
  const { url, profile } = simulator;
  return [
    `TVox simulator (${profile}) listening on ${url}`,
    `  SOAP    ${url}/mc/cxf/soap?wsdl`,
    `  REST    ${url}/mc/cxf/rest?_wadl`,
    `  console ${url}/console/`,
  ];
}
