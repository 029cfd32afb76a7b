import { ErrorCode } from './error-code.js';
import { TvoxError, type TvoxErrorOptions } from './tvox-error.js';

/**
 * A step of a scaffolded package (an adapter made by `create-tvox-adapter`) that its author has
 * not written yet. A scaffold throws it from every such step, so that its tests fail with this
 * message until the step is written, instead of passing on empty code.
 */
export class NotImplementedError extends TvoxError {
  readonly code = ErrorCode.NotImplemented;
  readonly retryable = false;

  constructor(
    /** The step, for example `telegram webhook/verify.ts: verifyWebhook`. */
    readonly step: string,
    /** What the step must do, so the author knows where to start. */
    readonly todo: string,
    options?: TvoxErrorOptions,
  ) {
    super(`${step} is not implemented yet: ${todo}.`, options);
  }
}
