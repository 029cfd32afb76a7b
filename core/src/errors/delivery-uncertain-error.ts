import { ErrorCode } from './error-code.js';
import { TvoxError } from './tvox-error.js';

/**
 * A message to a customer whose previous attempt was interrupted (its worker stopped, or lost
 * its lease, while the call to the network was possibly under way), on a network that cannot
 * tell a repeated call from a new message. Sending it again could show it twice, and not sending
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
  ) {
    super(
      `An earlier attempt to send message ${messageId} to ${network} was interrupted, and ${network} ` +
        'cannot tell a repeat from a new message, so it was not sent again: check the conversation, and ' +
        `if the customer did not get it, replay it with \`tvox-connector dead-letters replay\`.`,
    );
  }
}
