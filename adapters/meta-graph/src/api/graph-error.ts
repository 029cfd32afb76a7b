import { NetworkApiError, type NetworkApiErrorDetails } from '@tvox-connector/core';
import { z } from 'zod';

/** The error body every Graph API endpoint answers a refused call with. */
export const GraphErrorBody = z.object({
  error: z.looseObject({
    message: z.string(),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    /** Set by Graph when the same call may succeed later. */
    is_transient: z.boolean().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    fbtrace_id: z.string().optional(),
  }),
});
/** The error body every Graph API endpoint answers a refused call with. */
export type GraphErrorBody = z.infer<typeof GraphErrorBody>;
/** The `error` object of a {@link GraphErrorBody}. */
export type GraphError = GraphErrorBody['error'];

/**
 * Graph's throttling codes: 4 (app), 17 (user), 32 (Page), 613 (calls to this API), 80000-80014
 * (business use case), and the WhatsApp Cloud API's 130429 (throughput), 131048 (spam rate
 * limit) and 131056 (pair rate limit). Trying again later succeeds.
 */
export function isRateLimitCode(code: number): boolean {
  return (
    code === 4 ||
    code === 17 ||
    code === 32 ||
    code === 613 ||
    (code >= 80000 && code <= 80014) ||
    code === 130429 ||
    code === 131048 ||
    code === 131056
  );
}

/** Graph's "try again" codes: 1 (unknown error), 2 (service temporarily unavailable). */
const TRANSIENT_CODES = new Set([1, 2]);

/** 190: the access token expired, was revoked, or is not a token at all. */
export const TOKEN_INVALID_CODE = 190;

/** 10 and 200-299: a permission the token lacks. */
export function isPermissionCode(code: number): boolean {
  return code === 10 || (code >= 200 && code <= 299);
}

/** What a refused Graph call's answer holds besides its body. */
export interface GraphAnswerMeta {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A header's first value. */
function header(meta: GraphAnswerMeta, name: string): string | undefined {
  const value = meta.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long Meta asks the caller to wait, when it says: a `Retry-After` header in seconds, or else
 * the largest `estimated_time_to_regain_access` (minutes) of `X-Business-Use-Case-Usage`, the
 * header Graph sends with calls made with Page and system-user tokens.
 */
export function retryAfterMs(meta: GraphAnswerMeta): number | undefined {
  const seconds = Number(header(meta, 'retry-after'));
  if (Number.isFinite(seconds) && seconds > 0) return Math.ceil(seconds * 1000);
  const usage = header(meta, 'x-business-use-case-usage');
  if (usage === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(usage);
  } catch {
    return undefined;
  }
  const minutes = Object.values(typeof parsed === 'object' && parsed !== null ? parsed : {})
    .flatMap((entries: unknown) => (Array.isArray(entries) ? (entries as unknown[]) : []))
    .map((entry) =>
      Number(
        (entry as { estimated_time_to_regain_access?: unknown }).estimated_time_to_regain_access,
      ),
    )
    .filter((value) => Number.isFinite(value) && value > 0);
  return minutes.length === 0 ? undefined : Math.max(...minutes) * 60_000;
}

/** `(#code/subcode) message`: Graph's own words, for the ledger and the logs. */
function networkCode(error: GraphError): string {
  const subcode = error.error_subcode === undefined ? '' : `/${error.error_subcode}`;
  const trace = error.fbtrace_id === undefined ? '' : ` [fbtrace_id ${error.fbtrace_id}]`;
  return `${error.code}${subcode}: ${error.message}${trace}`;
}

/** The message a refusal is recorded with: Graph's words, and what to do where we know it. */
function detail(error: GraphError, retryable: boolean): string {
  if (error.code === TOKEN_INVALID_CODE) {
    return `the access token expired or is invalid (${error.message}); generate a new access token and set it in the channel's settings`;
  }
  if (!retryable && isPermissionCode(error.code)) {
    return `the access token lacks a permission (${error.message}); grant it to the app in the App Dashboard`;
  }
  return error.message;
}

/**
 * A `NetworkApiError` from a Graph error answer, keeping Graph's error object so that an adapter
 * can act on its code and subcode (resend with a tag outside a messaging window, say).
 */
export class GraphApiError extends NetworkApiError {
  constructor(
    network: string,
    operation: string,
    detail: string,
    details: NetworkApiErrorDetails,
    /** Graph's `error` object as answered. */
    readonly graph: GraphError,
  ) {
    super(network, operation, detail, details);
  }
}

/**
 * Turns a Graph error answer into core's `NetworkApiError` (a {@link GraphApiError}), keeping "Graph said no" apart from "the
 * call failed". Retryable: throttling ({@link isRateLimitCode}, waiting `retryAfterMs` when Meta
 * says how long), codes 1 and 2, anything Graph marks `is_transient`, and 5xx and 429 answers.
 * Permanent: an expired or invalid token (190, said so), missing permissions (10, 200-299), and
 * every other refusal. `override` lets an adapter settle codes of its own network first.
 */
export function graphErrorToNetworkError(
  network: string,
  operation: string,
  meta: GraphAnswerMeta,
  error: GraphError,
  override?: { readonly detail?: string; readonly retryable?: boolean },
): GraphApiError {
  const retryable =
    override?.retryable ??
    (error.code === TOKEN_INVALID_CODE
      ? false
      : isRateLimitCode(error.code) ||
        TRANSIENT_CODES.has(error.code) ||
        error.is_transient === true ||
        meta.status >= 500 ||
        meta.status === 429);
  const wait = retryable ? retryAfterMs(meta) : undefined;
  return new GraphApiError(
    network,
    operation,
    override?.detail ?? detail(error, retryable),
    {
      status: meta.status,
      networkCode: networkCode(error),
      retryable,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    },
    error,
  );
}
