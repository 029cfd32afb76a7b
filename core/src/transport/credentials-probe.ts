import { RemoteRejectedError } from '../errors/transport-errors.js';
import type { Transport } from '../interfaces/transport.js';
import { isTvoxAuthFailure } from './tvox-auth-failures.js';

/** An id no session can have: asking its status creates nothing in TVox. */
const PROBE_SESSION = 'tvox-connector-credentials-check';

/**
 * Asks TVox the status of a session no one opened, to learn whether it takes the connector's
 * credentials: TVox's description is often served without authentication, so a started
 * transport says nothing of them. Resolves with what TVox answered (the status, or the code of
 * a refusal of the question: any business answer means the credentials were accepted), or
 * undefined when the release has no status query (opening a session to find out would create
 * one). Throws what the call threw otherwise, a refusal meaning `unauthorized` included.
 */
export async function probeCredentials(
  transport: Pick<Transport, 'operations' | 'getSessionStatus'>,
): Promise<string | undefined> {
  if (!transport.operations.has('getSessionStatus')) return undefined;
  try {
    const { status } = await transport.getSessionStatus({ session: { id: PROBE_SESSION } });
    return status;
  } catch (error) {
    if (error instanceof RemoteRejectedError && error.meaning !== 'unauthorized') {
      return error.remoteCode;
    }
    throw error;
  }
}

/** Whether `error` is TVox refusing the connector's credentials (HTTP 401, or `unauthorized`). */
export function isCredentialsRefusal(error: unknown): boolean {
  return (
    isTvoxAuthFailure(error) ||
    (error instanceof RemoteRejectedError && error.meaning === 'unauthorized')
  );
}
