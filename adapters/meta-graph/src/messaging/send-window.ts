import { NetworkApiError } from '@tvox-connector/core';
import { GraphApiError } from '../api/graph-error.js';

/**
 * How a Send API message goes out: `RESPONSE`, within 24 hours of the customer's last message,
 * or with the `HUMAN_AGENT` tag, within 7 days, for apps that have the Human Agent permission.
 * Messenger and Instagram Direct share the rule.
 */
export type SendWindow = 'response' | 'human-agent';

/** The `messaging_type` (and `tag`) fields of a Send API body sent in `window`. */
export function windowFields(
  window: SendWindow,
): { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' } {
  return window === 'response'
    ? { messaging_type: 'RESPONSE' }
    : { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
}

/**
 * Graph's answer to a message outside the window the way it was sent allows: code 10 with
 * subcode 2018278 ("This message is sent outside of allowed window") or 2018065.
 */
const OUTSIDE_WINDOW_SUBCODES = new Set([2018278, 2018065]);

/** Whether Graph refused a message as outside its messaging window. */
export function isOutsideWindow(error: unknown): error is GraphApiError {
  return (
    error instanceof GraphApiError &&
    error.graph.code === 10 &&
    error.graph.error_subcode !== undefined &&
    OUTSIDE_WINDOW_SUBCODES.has(error.graph.error_subcode)
  );
}

/** The permanent failure of a reply the network no longer takes, saying why and what to do. */
function windowClosed(
  network: string,
  label: string,
  refusal: GraphApiError,
  tagged: boolean,
): NetworkApiError {
  const detail = tagged
    ? `the customer last wrote more than 7 days ago, or Meta refused the HUMAN_AGENT tag: ${label} takes no reply after that; the customer must write first`
    : `the customer last wrote more than 24 hours ago, and ${label} takes a reply only within 24 hours of the customer’s last message; ` +
      'with the Human Agent permission (App Review) and settings.humanAgentTag, agents may answer within 7 days';
  return new NetworkApiError(network, 'send', detail, {
    status: refusal.status,
    ...(refusal.networkCode === undefined ? {} : { networkCode: refusal.networkCode }),
    retryable: false,
  });
}

/** Which network a windowed send is for: its id, and its name as people read it. */
export interface WindowedNetwork {
  /** The adapter's network id, e.g. `messenger`. */
  readonly network: string;
  /** The network's name in error messages, e.g. `Messenger`. */
  readonly label: string;
}

/**
 * Sends a message by the 24-hour rule, which Meta decides, not our clock: first as a `RESPONSE`;
 * when Graph refuses that as outside the window, once more with the `HUMAN_AGENT` tag if the app
 * has it (`humanAgentTag`); otherwise, or if that is refused too, fails for good with an error
 * that says why and what to do. Nothing is remembered: the first call did not go through, so the
 * second cannot double it. Other failures pass through untouched.
 */
export async function sendInWindow<T>(
  send: (window: SendWindow) => Promise<T>,
  humanAgentTag: boolean,
  { network, label }: WindowedNetwork,
): Promise<T> {
  try {
    return await send('response');
  } catch (error) {
    if (!isOutsideWindow(error)) throw error;
    if (!humanAgentTag) throw windowClosed(network, label, error, false);
  }
  try {
    return await send('human-agent');
  } catch (error) {
    if (error instanceof GraphApiError && error.graph.code === 10)
      throw windowClosed(network, label, error, true);
    throw error;
  }
}
