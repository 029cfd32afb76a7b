/**
 * DI token for {@link Logger}: a registered symbol, the same in every copy of core that
 * adapter packages may bring.
 */
export const Logger = Symbol.for('@tvox-connector/core.Logger');

/** Structured fields attached to a log line (`sessionId`, `messageId`, `err`, ...). */
export type LogFields = Record<string, unknown>;

/** One log level's method: a message, or fields and a message, as pino takes them. */
export interface LogMethod {
  (message: string): void;
  (fields: LogFields, message?: string): void;
}

/**
 * Structured logging, shaped so that a pino logger is one as it is. Implementations must redact
 * secrets (passwords, tokens, signatures): callers log request headers and config objects.
 */
export interface Logger {
  trace: LogMethod;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  fatal: LogMethod;
  /** A logger that adds `bindings` to every line, e.g. a correlation id. */
  child(bindings: LogFields): Logger;
}
