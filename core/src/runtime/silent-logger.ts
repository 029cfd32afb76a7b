import type { Logger } from '../interfaces/logger.js';

const discard = (): void => undefined;

/** A logger that writes nothing: the default until the application binds a real one. */
export const silentLogger: Logger = {
  trace: discard,
  debug: discard,
  info: discard,
  warn: discard,
  error: discard,
  fatal: discard,
  child: () => silentLogger,
};
