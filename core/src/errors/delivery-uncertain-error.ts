import { ErrorCode } from './error-code.js';
import { TvoxError, type TvoxErrorOptions } from './tvox-error.js';

/**
 * A message to a customer that may or may not have reached the network: its previous attempt
 * was interrupted (its worker stopped, or lost its lease, while the call was possibly under way),
 * or the call got no answer after it was sent (a time-out), on a network that cannot tell a
 * repeated call from a new message. Sending it again could show it twice, and not sending
 * it could lose it: the relay does neither, and keeps it in the dead letters for someone to look
 * at the conversation and replay it if it did not arrive. Not retryable.
 */
export class DeliveryUncertainError extends TvoxError {
  readonly code = ErrorCode.DeliveryUncertain;
  readonly retryable = false;

  constructor(
    /** The network, for example `telegram`. */
    readonly network: string,
    /** The ledger id of the message. */
    readonly messageId: string,
    /** Why its fate is unknown. */
    why = 'an earlier attempt was interrupted',
    options?: TvoxErrorOptions,
  ) {
    super(
      `Message ${messageId} may or may not have reached ${network} (${why}), and ${network} cannot ` +
        'tell a repeat from a new message, so it was not sent again: check the conversation, and ' +
        `if the customer did not get it, replay it with \`tvox-connector dead-letters replay\`.`,
      options,
    );
  }
}
