import { ErrorCode } from '../errors/error-code.js';
import type { RemoteRejectedError, TransportCallError } from '../errors/transport-errors.js';
import { isTvoxError } from '../errors/tvox-error.js';
import type { Transport } from '../interfaces/transport.js';

/** An id no session can have: asking its status creates nothing in TVox. */
const PROBE_SESSION = 'tvox-connector-credentials-check';

/**
 * Whether `error` is TVox refusing the connector's credentials: HTTP 401 or 403, or a failure
 * code the profile says means `unauthorized`. Read by shape: an adapter package may bring its
 * own copy of core's classes.
 */
export function isCredentialsRefusal(error: unknown): boolean {
  if (!isTvoxError(error)) return false;
  if (error.code === ErrorCode.TransportCallFailed) {
    const { kind, status } = error as Partial<TransportCallError>;
    return kind === 'http-status' && (status === 401 || status === 403);
  }
  return (error as Partial<RemoteRejectedError>).meaning === 'unauthorized';
}

/**
 * Asks TVox the status of a session no one opened, to learn whether it takes the connector's
 * credentials: TVox's description is often served without authentication, so a started
 * transport says nothing of them. Resolves with what TVox answered: the status, the code of a
 * refusal, or the HTTP status of a fault (a JAX-WS or spyne release answers an unknown session
 * with a fault and HTTP 500): anything but a refusal of the credentials means they were taken.
 * Resolves undefined when the release has no status query (opening a session to find out would
 * create one). Throws a refusal of the credentials, and a failure that got no answer at all.
 */
export async function probeCredentials(
  transport: Pick<Transport, 'operations' | 'getSessionStatus'>,
): Promise<string | undefined> {
  if (!transport.operations.has('getSessionStatus')) return undefined;
  try {
    const { status } = await transport.getSessionStatus({ session: { id: PROBE_SESSION } });
    return status;
  } catch (error) {
    if (isCredentialsRefusal(error) || !isTvoxError(error)) throw error;
    const { remoteCode, status, kind } = error as Partial<RemoteRejectedError & TransportCallError>;
    if (remoteCode !== undefined) return remoteCode;
    if (kind === 'http-status' && status !== undefined) return `HTTP ${status}`;
    throw error;
  }
}
