import {
  pushStatus,
  renameFields,
  type FieldRenames,
  type HttpAnswer,
  type PushCodec,
  type PushOutcome,
} from '@tvox-connector/core';

/**
 * The REST callback's half of a push: a JSON `notifyEvents` body in the release's names, and
 * JSON answers in the contract's shape (`result`, `errorCode`, `errorMessage`). `renames` is read
 * at each push, so a map loaded at start applies.
 */
export function jsonPushCodec(renames: () => FieldRenames): PushCodec {
  return {
    decode: (rawBody) =>
      renameFields(JSON.parse(rawBody.toString('utf8')) as unknown, renames(), 'fromRelease'),
    answer: (outcome: PushOutcome, message: string): HttpAnswer => ({
      status: pushStatus(outcome),
      contentType: 'application/json',
      body: JSON.stringify(
        outcome === 'accepted'
          ? { result: 'SUCCESS' }
          : { result: 'FAILED', errorCode: ERROR_CODES[outcome], errorMessage: message },
      ),
    }),
  };
}

const ERROR_CODES: Readonly<Record<Exclude<PushOutcome, 'accepted'>, string>> = {
  invalid: 'INVALID_REQUEST',
  tooLarge: 'INVALID_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  unavailable: 'UNAVAILABLE',
};
