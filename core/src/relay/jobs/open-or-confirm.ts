import { ErrorCode } from '../../errors/error-code.js';
import type { RemoteRejectedError } from '../../errors/transport-errors.js';
import { isTvoxError } from '../../errors/tvox-error.js';
import type { Clock } from '../../interfaces/clock.js';
import type { Metrics } from '../../interfaces/metrics.js';
import type { LicenceRefusals } from '../licence-refusals.js';
import type { OpenedSession, Transport } from '../../interfaces/transport.js';
import type { OpenSessionRequest } from '../../profile/command-requests.js';

/** Where a licence refusal is counted and noted. */
export interface LicenceWatch {
  readonly metrics?: Pick<Metrics, 'increment'>;
  readonly refusals?: LicenceRefusals;
  readonly clock?: Clock;
}

/**
 * Opens a session. Whether a release's `startSession` is idempotent on the session id the
 * connector proposes is itself a guess: a release may refuse a retry whose first call it took,
 * with a code the profile says means `session-exists`. Then the session is confirmed by its status
 * (when the release has a status query) instead of failing: it exists unless TVox reports it
 * closed or unknown.
 */
export async function openOrConfirm(
  transport: Pick<Transport, 'openSession' | 'getSessionStatus' | 'operations'>,
  request: OpenSessionRequest,
  watch: LicenceWatch = {},
): Promise<OpenedSession> {
  try {
    return await transport.openSession(request);
  } catch (error) {
    // Licences run out at peak hours: counted per channel, so that operators are alerted while
    // the session is retried.
    if (isTvoxError(error) && error.code === ErrorCode.NoLicense) {
      watch.metrics?.increment('tvox_license_refusals_total', { channel: request.channel.id });
      watch.refusals?.refused(request.channel.id, watch.clock?.now() ?? Date.now());
    }
    if (!meansSessionExists(error)) throw error;
    const sessionId = request.session.id;
    if (!transport.operations.has('getSessionStatus')) return { sessionId };
    const { status } = await transport.getSessionStatus({ session: { id: sessionId } });
    if (status === 'CLOSED' || status === 'UNKNOW') throw error;
    return { sessionId, status };
  }
}

/** Whether TVox refused because the session exists (read by shape: works across package copies). */
function meansSessionExists(error: unknown): error is RemoteRejectedError {
  return isTvoxError(error) && (error as Partial<RemoteRejectedError>).meaning === 'session-exists';
}
