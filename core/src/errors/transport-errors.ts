import { ErrorCode } from './error-code.js';
import { TvoxError, type TvoxErrorOptions } from './tvox-error.js';

/** What to do about each error code of the reference contract. */
const REMOTE_CODE_ADVICE: Readonly<Record<string, string>> = {
  UNKNOWN_SESSION: 'the session no longer exists in TVox; a new one is opened for the next message',
  SESSION_CLOSED: 'the session is closed in TVox; a new one is opened for the next message',
  UNKNOWN_SERVICE: 'check that the service code in the connector config exists in TVox',
  UNAUTHORIZED: 'check the connector code and its credentials in TVox and in the connector config',
  INVALID_REQUEST:
    'TVox refused the request as malformed; check the operation map for this release',
  DUPLICATE: 'TVox saw this idempotency key with different content; do not reuse request ids',
  UNAVAILABLE: 'TVox is temporarily unavailable; the call is retried with backoff',
};

/**
 * TVox answered a command with `result: FAILED` ("the remote side said no"). Not retryable, except
 * for `UNAVAILABLE`, which TVox uses for a temporary condition.
 */
export class RemoteRejectedError extends TvoxError {
  readonly code: ErrorCode = ErrorCode.RemoteRejected;
  readonly retryable: boolean;

  constructor(
    /** The contract command that was rejected, for example `sendMessage`. */
    readonly command: string,
    /** TVox's `errorCode` (a contract error code, or whatever a newer release sends). */
    readonly remoteCode: string,
    /** TVox's `errorMessage`, if it sent one. */
    readonly remoteMessage?: string,
    options?: TvoxErrorOptions,
  ) {
    const advice = REMOTE_CODE_ADVICE[remoteCode] ?? 'see the TVox logs for this error code';
    super(
      `TVox rejected ${command} with ${remoteCode}` +
        `${remoteMessage ? ` (${remoteMessage})` : ''}: ${advice}.`,
      options,
    );
    this.retryable = remoteCode === 'UNAVAILABLE';
  }
}

/**
 * TVox does not know the session (`UNKNOWN_SESSION`): it was closed and purged, or never opened.
 * The relay reopens a session and resends the message once.
 */
export class UnknownSessionError extends RemoteRejectedError {
  override readonly code: ErrorCode = ErrorCode.UnknownSession;

  constructor(
    command: string,
    /** The session id TVox did not recognise. */
    readonly sessionId: string,
    remoteMessage?: string,
    options?: TvoxErrorOptions,
  ) {
    super(command, 'UNKNOWN_SESSION', remoteMessage, options);
  }
}

/**
 * Builds the error for a `result: FAILED` answer: {@link UnknownSessionError} for
 * `UNKNOWN_SESSION` on a command that names a session, {@link RemoteRejectedError} otherwise.
 */
export function remoteRejection(
  command: string,
  remoteCode: string | undefined,
  remoteMessage: string | undefined,
  sessionId?: string,
): RemoteRejectedError {
  const code = remoteCode ?? 'UNSPECIFIED';
  if (code === 'UNKNOWN_SESSION' && sessionId !== undefined) {
    return new UnknownSessionError(command, sessionId, remoteMessage);
  }
  return new RemoteRejectedError(command, code, remoteMessage);
}

/** How a call to TVox failed without an answer. */
export type CallFailureKind = 'timeout' | 'connection' | 'http-status' | 'bad-response';

/**
 * A call to TVox failed without a business answer ("the call failed"): time-out, connection
 * refused or reset, an HTTP error status, or a reply that could not be read. Retryable, except for
 * HTTP 4xx other than 408 and 429, which will fail the same way again (bad credentials, a request
 * TVox cannot parse).
 */
export class TransportCallError extends TvoxError {
  readonly code = ErrorCode.TransportCallFailed;
  readonly retryable: boolean;

  constructor(
    /** The contract command being called. */
    readonly command: string,
    /** What went wrong. */
    readonly kind: CallFailureKind,
    /** A short description of the failure (never includes credentials). */
    readonly detail: string,
    /** The HTTP status, when `kind` is `http-status`. */
    readonly status?: number,
    options?: TvoxErrorOptions,
  ) {
    super(
      `Call to TVox ${command} failed (${kind}): ${detail}. ${callAdvice(kind, status)}`,
      options,
    );
    this.retryable = isRetryableCall(kind, status);
  }
}

function isRetryableCall(kind: CallFailureKind, status: number | undefined): boolean {
  if (kind !== 'http-status' || status === undefined) return true;
  return status >= 500 || status === 408 || status === 429;
}

function callAdvice(kind: CallFailureKind, status: number | undefined): string {
  if (kind === 'http-status' && status === 401) {
    return 'Check the credentials configured for TVox (tvox.auth).';
  }
  if (
    kind === 'http-status' &&
    status !== undefined &&
    status < 500 &&
    !isRetryableCall(kind, status)
  ) {
    return 'Check the TVox URL and the operation map for this TVox release.';
  }
  return 'It is retried with backoff; if it persists, check that TVox is reachable from the connector.';
}

/** One operation or field the operation map names that the loaded WSDL/WADL does not have. */
export interface ContractGap {
  /** Whether an operation or a field is missing. */
  readonly kind: 'operation' | 'field';
  /** The framework command affected, for example `openSession`. */
  readonly command: string;
  /** The name the map expects to find (operation name, or field path inside the message). */
  readonly expected: string;
}

/**
 * The TVox description (WSDL or WADL) does not offer what the operation map expects. Raised at
 * start, listing every gap at once so the map can be fixed in one go.
 */
export class ContractMismatchError extends TvoxError {
  readonly code = ErrorCode.ContractMismatch;
  readonly retryable = false;

  constructor(
    /** Where the description was loaded from (URL or file path). */
    readonly source: string,
    /** Every missing operation or field. */
    readonly gaps: readonly ContractGap[],
    options?: TvoxErrorOptions,
  ) {
    const lines = gaps.map((g) => `- ${g.command}: ${g.kind} "${g.expected}" not found`);
    super(
      `The TVox description at ${source} does not match the operation map ` +
        `(${gaps.length} gap${gaps.length === 1 ? '' : 's'}):\n${lines.join('\n')}\n` +
        `Run \`tvox-connector inspect ${source}\` to see what this TVox offers, then map each ` +
        `command and field to its name there in the operation map file.`,
      options,
    );
  }
}

/**
 * A TVox event names a session the connector does not know yet: TVox issues the first events of
 * a session while `openSession` is still answering, before the connector has stored it.
 * Retryable: the event is applied once the session is stored, or dropped after a grace period.
 */
export class PendingSessionError extends TvoxError {
  readonly code = ErrorCode.SessionPending;
  readonly retryable: boolean;

  constructor(
    /** The session the event names. */
    readonly sessionId: string,
    /** The grace period ran out: the event goes to the dead letters, where it can be replayed. */
    expired = false,
    options?: TvoxErrorOptions,
  ) {
    super(
      expired
        ? `Session ${sessionId} is still unknown after the grace period; the event is kept in the dead letters.`
        : `Session ${sessionId} is not stored yet; the event is applied once it is.`,
      options,
    );
    this.retryable = !expired;
  }
}
