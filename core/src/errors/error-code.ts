/**
 * Every error code tvox-connector raises. Codes are stable: a code is never renamed or reused, so
 * operators can alert on them and adapter authors can branch on them. Each one has a row in
 * `docs/errors.md` (code | meaning | how to fix); a test keeps the two in agreement.
 */
export const ErrorCode = {
  /** The connector's configuration is invalid; the message lists every problem. */
  Config: 'TVOX_ERR_CONFIG',
  /** A value handed to the framework does not match its schema. */
  InvalidInput: 'TVOX_ERR_INVALID_INPUT',
  /** A webhook or callback carried a missing or wrong signature or credentials. */
  Signature: 'TVOX_ERR_SIGNATURE',
  /** A request body is larger than the configured limit. */
  PayloadTooLarge: 'TVOX_ERR_PAYLOAD_TOO_LARGE',
  /** A file's MIME type is not among the types the receiver accepts. */
  UnsupportedMediaType: 'TVOX_ERR_UNSUPPORTED_MEDIA_TYPE',
  /** A request's `Content-Type` is not one its route takes (a webhook's, the TVox callback's). */
  UnsupportedContentType: 'TVOX_ERR_UNSUPPORTED_CONTENT_TYPE',
  /** TVox answered a command with `result: FAILED`. */
  RemoteRejected: 'TVOX_ERR_REMOTE_REJECTED',
  /** A call to TVox did not get an answer: time-out, connection error, HTTP 5xx, garbled reply. */
  TransportCallFailed: 'TVOX_ERR_TRANSPORT_CALL_FAILED',
  /** TVox's WSDL/WADL lacks operations or fields the contract profile names. */
  ContractMismatch: 'TVOX_ERR_CONTRACT_MISMATCH',
  /** TVox does not know the session (closed and purged, or never opened). */
  UnknownSession: 'TVOX_ERR_UNKNOWN_SESSION',
  /** TVox refused a session: the channel's licence is missing or all its licences are in use. */
  NoLicense: 'TVOX_ERR_NO_LICENSE',
  /** The TVox release has no operation for a command (routing only, or no closing, say). */
  OperationUnavailable: 'TVOX_ERR_OPERATION_UNAVAILABLE',
  /** A messaging network's API refused a call or could not be reached. */
  NetworkApi: 'TVOX_ERR_NETWORK_API',
  /**
   * A message to a customer was not sent again after an interrupted attempt, on a network that
   * cannot tell a repeat from a new message: it may or may not have arrived.
   */
  DeliveryUncertain: 'TVOX_ERR_DELIVERY_UNCERTAIN',
  /** The message store could not complete an operation. */
  Store: 'TVOX_ERR_STORE',
  /** An event names a session this connector is still opening; it is applied a moment later. */
  SessionPending: 'TVOX_ERR_SESSION_PENDING',
  /** A client address made more requests than `server.visitorRateLimit` allows. */
  RateLimited: 'TVOX_ERR_RATE_LIMITED',
  /** The connector is not accepting work right now (starting or shutting down). */
  Unavailable: 'TVOX_ERR_UNAVAILABLE',
  /** A scaffolded package's step that its author has not written yet. */
  NotImplemented: 'TVOX_ERR_NOT_IMPLEMENTED',
  /** Something failed that the connector has no error of its own for: a bug, or a library's. */
  Unexpected: 'TVOX_ERR_UNEXPECTED',
} as const;

/** One of the stable error codes in {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The HTTP status a request that fails with each code is answered with (fastify's `statusCode`):
 * the caller's fault is 4xx, TVox's or a network's 502, a passing state of the connector 503.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.Config]: 500,
  [ErrorCode.InvalidInput]: 400,
  [ErrorCode.Signature]: 401,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.UnsupportedContentType]: 415,
  [ErrorCode.RemoteRejected]: 502,
  [ErrorCode.TransportCallFailed]: 502,
  [ErrorCode.ContractMismatch]: 502,
  [ErrorCode.UnknownSession]: 404,
  [ErrorCode.NoLicense]: 503,
  [ErrorCode.OperationUnavailable]: 501,
  [ErrorCode.NetworkApi]: 502,
  [ErrorCode.DeliveryUncertain]: 502,
  [ErrorCode.Store]: 503,
  [ErrorCode.SessionPending]: 503,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.NotImplemented]: 501,
  [ErrorCode.Unexpected]: 500,
};
