import {
  TvoxHttpClient,
  descriptionText,
  loadShippedProfiles,
  profileSkeleton,
  type DescriptionAccess,
} from '@tvox-connector/core';
import { lastStep } from './bind-routes.js';
import { readWadl, type WadlMethod } from './read-wadl.js';

/** What `inspectWadl` found. */
export interface WadlInspection {
  readonly source: string;
  readonly methods: readonly WadlMethod[];
  /** A contract profile skeleton in YAML: what matches a shipped profile works, TODOs mark the rest. */
  readonly skeleton: string;
}

/** Options of {@link inspectWadl}: how to reach the WADL. */
export type InspectOptions = DescriptionAccess;

function describe(method: WadlMethod): string {
  const query = method.queryParams.length > 0 ? `?${method.queryParams.join('&')}` : '';
  return `${method.verb} ${method.path}${query}`;
}

/**
 * Reads a WADL (URL or file) and lists its methods, with a contract profile skeleton: it extends
 * the shipped profile whose operations match the most method ids, and marks what is left to
 * decide (see `profileSkeleton`).
 */
export async function inspectWadl(
  source: string,
  options: InspectOptions = {},
): Promise<WadlInspection> {
  const http = TvoxHttpClient.forDescription(source, options);
  let text: string;
  try {
    text = descriptionText(source, await http.readDescription(source));
  } finally {
    await http.close();
  }
  const { methods } = readWadl(text);
  // CXF writes method ids only when told to; a method without one is named by its path.
  const found = methods.flatMap((m) => {
    const name = m.id ?? lastStep(m.path);
    return name === undefined
      ? []
      : [{ name, summary: describe(m), fields: [...m.queryParams, ...m.templateParams] }];
  });
  return { source, methods, skeleton: profileSkeleton(source, found, await loadShippedProfiles()) };
}
