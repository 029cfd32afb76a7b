import type { FailureMeaningName } from '../profile/command-catalogue.js';
import { ErrorCode } from './error-code.js';
import { TvoxError, type TvoxErrorOptions } from './tvox-error.js';

/** What to do about a rejection, by what the release's failure code means. */
const MEANING_ADVICE: Readonly<Record<FailureMeaningName, string>> = {
  'unknown-session':
    'the session no longer exists in TVox; a new one is opened for the next message',
  'session-closed': 'the session is closed in TVox; a new one is opened for the next message',
  'session-exists': 'TVox already has a session with this id; its status is checked instead',
  'no-license':
    'the TVox channel has no licence, or all its licences are in use; it is retried with a long ' +
    'back-off: check the channel licences in TVox',
  'invalid-channel':
    'TVox does not know or accept this channel id: check channels[].tvoxChannelId against the ' +
    'channels licensed, enabled and configured in TVox',
  'unknown-service': 'check that the service code in the connector config exists in TVox',
  unauthorized: 'check the connector code and its credentials in TVox and in the connector config',
  unavailable: 'TVox is temporarily unavailable; the call is retried with backoff',
  'invalid-request': 'TVox refused the request as malformed; check the contract profile',
  duplicate: 'TVox saw this idempotency key with different content; do not reuse request ids',
  rejected: 'see the TVox logs for this error code',
};

/** Meanings after which the same call may succeed later. */
const RETRYABLE_MEANINGS: ReadonlySet<FailureMeaningName> = new Set(['unavailable', 'no-license']);

/**
 * TVox answered a command with `result: FAILED` ("the remote side said no"). What it means, and
 * so whether it is retried, comes from the contract profile's failure codes: only `unavailable`
 * and `no-license` are retryable.
 */
export class RemoteRejectedError extends TvoxError {
  readonly code: ErrorCode = ErrorCode.RemoteRejected;
  readonly retryable: boolean;

  constructor(
    /** The connector command that was rejected, for example `sendMessage`. */
    readonly command: string,
    /** The release's failure code (`failReason`, `errorCode`), as sent. */
    readonly remoteCode: string,
    /** The release's failure text, if it sent one. */
    readonly remoteMessage?: string,
    /** What the code means to the connector, from the profile (`rejected` when it does not say). */
    readonly meaning: FailureMeaningName = 'rejected',
    options?: TvoxErrorOptions,
  ) {
    super(
      `TVox rejected ${command} with ${remoteCode}` +
        `${remoteMessage ? ` (${remoteMessage})` : ''}: ${MEANING_ADVICE[meaning]}.`,
      options,
    );
    this.retryable = RETRYABLE_MEANINGS.has(meaning);
  }
}

/**
 * TVox does not know the session: it was closed and purged, or never opened. The relay reopens a
 * session and resends the message once.
 */
export class UnknownSessionError extends RemoteRejectedError {
  override readonly code: ErrorCode = ErrorCode.UnknownSession;

  constructor(
    command: string,
    /** The session id TVox did not recognise. */
    readonly sessionId: string,
    remoteCode = 'UNKNOWN_SESSION',
    remoteMessage?: string,
    options?: TvoxErrorOptions,
  ) {
    super(command, remoteCode, remoteMessage, 'unknown-session', options);
  }
}

/** How long a session refused for lack of a licence waits before it is tried again. */
export const NO_LICENSE_RETRY_MS = 60_000;

/**
 * TVox refused to open a session because the channel's licence is missing or all its licences
 * are in use (`NO_LICENSE`). At peak hours that passes: retried, never sooner than
 * {@link NO_LICENSE_RETRY_MS}, and counted so that operators are alerted.
 */
export class NoLicenseError extends RemoteRejectedError {
  override readonly code: ErrorCode = ErrorCode.NoLicense;
  /** Never retried sooner than this. */
  readonly retryAfterMs = NO_LICENSE_RETRY_MS;

  constructor(command: string, remoteCode: string, remoteMessage?: string) {
    super(command, remoteCode, remoteMessage, 'no-license');
  }
}

/**
 * Builds the error for a `result: FAILED` answer from the release's code and what the profile
 * says it means: {@link UnknownSessionError} for a session command, {@link NoLicenseError}, or
 * {@link RemoteRejectedError}.
 */
export function remoteRejection(
  command: string,
  remoteCode: string | undefined,
  remoteMessage: string | undefined,
  meaning: FailureMeaningName = 'rejected',
  sessionId?: string,
): RemoteRejectedError {
  const code = remoteCode ?? 'UNSPECIFIED';
  if (meaning === 'unknown-session' && sessionId !== undefined)
    return new UnknownSessionError(command, sessionId, code, remoteMessage);
  if (meaning === 'no-license') return new NoLicenseError(command, code, remoteMessage);
  return new RemoteRejectedError(command, code, remoteMessage, meaning);
}

/**
 * The TVox release has no operation for a command (its description lacks it, or the contract
 * profile says so): a routing-only release cannot take messages, one without `closeSession`
 * cannot be closed from the connector. Not retryable.
 */
export class OperationUnavailableError extends TvoxError {
  readonly code = ErrorCode.OperationUnavailable;
  readonly retryable = false;

  constructor(
    /** The connector command that cannot be called. */
    readonly command: string,
    /** The profile in force. */
    readonly profile: string,
  ) {
    super(
      `This TVox release has no operation for ${command} (profile ${profile}); ` +
        'run `tvox-connector doctor` to see which operations it has and which mode results.',
    );
  }
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
    return 'Check the TVox URL and the contract profile for this TVox release (tvox.profile).';
  }
  return 'It is retried with backoff; if it persists, check that TVox is reachable from the connector.';
}

/** One operation or field the contract profile names that the loaded WSDL/WADL does not have. */
export interface ContractGap {
  /** Whether an operation or a field is missing. */
  readonly kind: 'operation' | 'field';
  /** The connector command affected, for example `openSession`. */
  readonly command: string;
  /** What the profile expects to find (operation name, or field path inside the message). */
  readonly expected: string;
}

/**
 * The TVox description (WSDL or WADL) does not offer what the contract profile expects. Raised at
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
      `The TVox description at ${source} does not match the contract profile ` +
        `(${gaps.length} gap${gaps.length === 1 ? '' : 's'}):\n${lines.join('\n')}\n` +
        `Run \`tvox-connector inspect ${source}\` to see what this TVox offers, then bind each ` +
        `command and field to its name there in a profile file (tvox.profile).`,
      options,
    );
  }
}

/**
 * Why a TVox event waits for its session: `unknown`, no session has its id yet (TVox issues the
 * first events of a session while `openSession` is still answering); `unanswered`, TVox may be
 * giving the id to a session whose `openSession` answer the connector does not have yet;
 * `expired`, it stayed unknown past the grace period.
 */
export type SessionWait = 'unknown' | 'unanswered' | 'expired';

const WAIT_MESSAGES: Readonly<Record<SessionWait, (sessionId: string) => string>> = {
  unknown: (id) => `Session ${id} is not stored yet; the event is applied once it is.`,
  unanswered: (id) =>
    `TVox may be giving the id ${id} to a session still opening; the event waits for its answer.`,
  expired: (id) =>
    `Session ${id} is still unknown after the grace period; the event is kept in the dead letters.`,
};

/**
 * A TVox event names a session the connector cannot tell yet. Retryable while it waits; once the
 * grace period ran out (`expired`), the event goes to the dead letters, where it can be replayed.
 */
export class PendingSessionError extends TvoxError {
  readonly code = ErrorCode.SessionPending;
  readonly retryable: boolean;

  constructor(
    /** The session the event names. */
    readonly sessionId: string,
    readonly wait: SessionWait = 'unknown',
    options?: TvoxErrorOptions,
  ) {
    super(WAIT_MESSAGES[wait](sessionId), options);
    this.retryable = wait !== 'expired';
  }
}
