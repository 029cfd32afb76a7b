import { ErrorCode } from './error-code.js';
import { TvoxError, isTvoxError, type TvoxErrorOptions } from './tvox-error.js';
import { formatIssues, type ValidationIssue } from './validation-issue.js';

/** The connector's configuration is invalid. Lists every problem at once, never only the first. */
export class ConfigError extends TvoxError {
  readonly code = ErrorCode.Config;
  readonly retryable = false;

  constructor(
    /** Every problem found, with the path of the setting. */
    readonly issues: readonly ValidationIssue[],
    options?: TvoxErrorOptions,
  ) {
    super(
      `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}); ` +
        `fix these settings and start again:\n${formatIssues(issues)}`,
      options,
    );
  }
}

/**
 * Whether `value` is a {@link ConfigError}, also one from another copy of this package (an
 * adapter package installed beside the configuration may bring its own).
 */
export function isConfigError(value: unknown): value is ConfigError {
  return (
    isTvoxError(value) &&
    value.code === ErrorCode.Config &&
    Array.isArray((value as Partial<ConfigError>).issues)
  );
}

/** A value handed to the framework (a message, a command, an event) does not match its schema. */
export class InvalidInputError extends TvoxError {
  readonly code = ErrorCode.InvalidInput;
  readonly retryable = false;

  constructor(
    /** What was being validated, for example `inbound message` or `openSession input`. */
    readonly subject: string,
    /** Every problem found, with the path of the field. */
    readonly issues: readonly ValidationIssue[],
    options?: TvoxErrorOptions,
  ) {
    super(
      `Invalid ${subject}; correct these fields and send it again:\n${formatIssues(issues)}`,
      options,
    );
  }
}

/**
 * A webhook or callback was not signed, or signed or authenticated wrongly. Answered 401; nothing
 * of the request is parsed further. The message never contains the expected secret.
 */
export class SignatureError extends TvoxError {
  readonly code = ErrorCode.Signature;
  readonly retryable = false;

  constructor(
    /** Why verification failed, for example `missing X-Hub-Signature-256 header`. */
    readonly reason: string,
    options?: TvoxErrorOptions,
  ) {
    super(
      `Request rejected: ${reason}. Check that the sender and the connector are configured ` +
        `with the same secret or credentials.`,
      options,
    );
  }
}

/** Why a {@link SignedTokenError} refused a token. */
export type SignedTokenProblem =
  /** Not two dot-separated parts: not a token at all. */
  | 'malformed'
  /** The signature does not match: forged, altered, or signed with another secret or purpose. */
  | 'forged'
  /** Rightly signed, but not the JSON payload expected: a bug of ours, never a forgery. */
  | 'unreadable'
  /** Rightly signed and readable, but past its expiry. */
  | 'expired';

/**
 * A token the connector signed (see `SignedTokens`) is refused. A `SignatureError`, so it is
 * answered as any other bad signature; `problem` tells why, for answers that differ (an expired
 * link, 410, from a forged one, 403).
 */
export class SignedTokenError extends SignatureError {
  constructor(
    /** Why the token was refused. */
    readonly problem: SignedTokenProblem,
    /** What was wrong, naming the token, for example `visitor token has a wrong signature`. */
    reason: string,
    options?: TvoxErrorOptions,
  ) {
    super(reason, options);
  }
}

/** A request body exceeds the configured size limit. Answered 413; nothing is stored. */
export class PayloadTooLargeError extends TvoxError {
  readonly code = ErrorCode.PayloadTooLarge;
  readonly retryable = false;

  constructor(
    /** The configured limit, in bytes. */
    readonly limitBytes: number,
    /** The size seen (or declared) when the limit was crossed, in bytes, if known. */
    readonly sizeBytes?: number,
    options?: TvoxErrorOptions,
  ) {
    super(
      `Payload of ${sizeBytes === undefined ? 'unknown size' : `${sizeBytes} bytes`} exceeds ` +
        `the limit of ${limitBytes} bytes; send a smaller body or raise the configured limit.`,
      options,
    );
  }
}

/** A file's MIME type is not one the receiver accepts. Answered 415; nothing is stored. */
export class UnsupportedMediaTypeError extends TvoxError {
  readonly code = ErrorCode.UnsupportedMediaType;
  readonly retryable = false;

  constructor(
    /** The MIME type received. */
    readonly contentType: string,
    /** The accepted MIME types (`type/*` wildcards allowed). */
    readonly accepted: readonly string[],
    options?: TvoxErrorOptions,
  ) {
    super(
      `Files of type "${contentType}" are not accepted; send one of: ${accepted.join(', ')}.`,
      options,
    );
  }
}

/**
 * A request's `Content-Type` is not one its route takes: answered 415 before its body is read,
 * nothing stored.
 */
export class UnsupportedContentTypeError extends TvoxError {
  readonly code = ErrorCode.UnsupportedContentType;
  readonly retryable = false;

  constructor(
    /** The media type received (parameters aside), empty when the request had none. */
    readonly contentType: string,
    /** The media types the route takes. */
    readonly accepted: readonly string[],
    options?: TvoxErrorOptions,
  ) {
    super(
      `Requests ${contentType === '' ? 'without a Content-Type' : `of type "${contentType}"`} ` +
        `are not taken here; send the body as ${accepted.join(' or ')}.`,
      options,
    );
  }
}
