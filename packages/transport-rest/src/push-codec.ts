import {
  pushStatus,
  writePath,
  type CompiledFailure,
  type HttpAnswer,
  type PushCodec,
  type PushOutcome,
} from '@tvox-connector/core';

/** The answer fields of the reference contract, for a push before the profile is bound. */
const DEFAULT_FAILURE = { result: 'result', code: 'errorCode', message: 'errorMessage' };

const ERROR_CODES: Readonly<Record<Exclude<PushOutcome, 'accepted'>, string>> = {
  invalid: 'INVALID_REQUEST',
  tooLarge: 'INVALID_REQUEST',
  unsupportedMediaType: 'INVALID_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  unavailable: 'UNAVAILABLE',
};

/**
 * The REST callback's half of a push: an `application/json` body (read by the profile's `notifyEvents`), and
 * JSON answers with the outcome, failure code and message in the fields the profile names.
 * `failure` is read at each push, so the profile bound at start applies.
 */
export function jsonPushCodec(failure: () => CompiledFailure | undefined): PushCodec {
  return {
    contentTypes: ['application/json'],
    decode: (rawBody) => JSON.parse(rawBody.toString('utf8')) as unknown,
    answer: (outcome: PushOutcome, message: string): HttpAnswer => {
      const names = failure() ?? DEFAULT_FAILURE;
      const body: Record<string, unknown> = {};
      writePath(body, names.result, outcome === 'accepted' ? 'SUCCESS' : 'FAILED');
      if (outcome !== 'accepted') {
        if (names.code !== undefined) writePath(body, names.code, ERROR_CODES[outcome]);
        if (names.message !== undefined) writePath(body, names.message, message);
      }
      return {
        status: pushStatus(outcome),
        contentType: 'application/json',
        body: JSON.stringify(body),
      };
    },
  };
}
