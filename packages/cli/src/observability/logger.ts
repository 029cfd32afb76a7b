import type { Logger } from '@tvox-connector/core';
import pino, { type DestinationStream, type LevelWithSilent } from 'pino';
import { redactSecrets } from './redact.js';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  readonly level: LevelWithSilent;
  /** Where lines go; standard output when absent. */
  readonly destination?: DestinationStream;
}

/**
 * The connector's logger: pino JSON lines, one per event, with secrets redacted from every field
 * and binding (see `redactSecrets`, which also turns errors into their type, message, stack,
 * fields and cause). Child loggers carry the
 * correlation ids (request id, session id, message id, job id) of what they log about.
 */
export function createLogger(options: LoggerOptions): Logger & pino.Logger {
  return redactingChildren(
    pino(
      {
        level: options.level,
        base: { service: 'tvox-connector' },
        timestamp: pino.stdTimeFunctions.isoTime,
        // redactSecrets (the log formatter) already turns errors into plain objects; pino's own err
        // serializer, which runs after it, would rename their type to "Object".
        serializers: {
          err: (error: unknown) => error,
          // What the HTTP server's request lines show: never headers or bodies (signatures, tokens).
          req: (request: { method?: string; url?: string; ip?: string }) => ({
            method: request.method,
            url: request.url === undefined ? undefined : redactSecrets(request.url),
            remoteAddress: request.ip,
          }),
          res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
        },
        formatters: {
          log: (fields) => redactSecrets(fields) as Record<string, unknown>,
          bindings: (bindings) => redactSecrets(bindings) as Record<string, unknown>,
        },
      },
      options.destination ?? pino.destination({ sync: false }),
    ),
  );
}

/**
 * pino formats a child's bindings once, outside `formatters.bindings` (which sees only the base
 * fields): redact them on the way in, for children of children too.
 */
function redactingChildren(logger: pino.Logger): pino.Logger {
  const child = logger.child.bind(logger);
  const redacting = (
    bindings: pino.Bindings,
    childOptions?: pino.ChildLoggerOptions,
  ): pino.Logger =>
    redactingChildren(child(redactSecrets(bindings) as pino.Bindings, childOptions));
  // pino's child is generic over custom levels, which this wrapper (no custom levels) keeps.
  logger.child = redacting as unknown as typeof logger.child;
  return logger;
}
