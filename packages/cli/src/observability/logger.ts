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
 * and binding (see `redactSecrets`), errors serialised with their cause. Child loggers carry the
 * correlation ids (request id, session id, message id, job id) of what they log about.
 */
export function createLogger(options: LoggerOptions): Logger & pino.Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'tvox-connector' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.errWithCause },
      formatters: {
        log: (fields) => redactSecrets(fields) as Record<string, unknown>,
        bindings: (bindings) => redactSecrets(bindings) as Record<string, unknown>,
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}
